using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Platform.Keys;

/// <summary>The profile UDFs of a root: its accounts (directory names) and the devices its host catalog lists.</summary>
public sealed record ProfileUdfs(IReadOnlySet<string> Accounts, IReadOnlySet<string> Devices)
{
    public static ProfileUdfs Of(Reading.ProfileReport profile) => new(
        profile.Accounts.Select(a => a.Udf).ToHashSet(StringComparer.Ordinal),
        profile.HostEntries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal));
}

/// <summary>What <see cref="KeyCoverage"/> reports (bindings.md G-2, SHOULD).</summary>
public static class KeyCoverageCodes
{
    /// <summary>An account directory without its key material (no key file or locator named by the account's UDF).</summary>
    public const string AccountMissing = "KEY-ACCOUNT-MISSING";

    /// <summary>A profile seed for no account or device of the root: a private secret left behind.</summary>
    public const string Orphan = "KEY-ORPHAN";
}

/// <summary>
/// Whether the key directory matches the root's profiles — here rather than with the key-file checks because both the
/// checker and the profile-vector verifier need it, and only profile facts (accounts, host-catalog devices) go in.
/// </summary>
public static class KeyCoverage
{
    /// <summary>
    /// Every account's key material is here (a key file or a locator named by the account's UDF), and every profile seed
    /// here belongs to an account or device of this root. An account without it may be one this device joined without
    /// its root secret (a non-administrative device), so that is a SHOULD; a seed for nobody is a private secret left behind.
    /// </summary>
    public static IEnumerable<Finding> Run(string root, string keysRelative, ProfileUdfs profiles)
    {
        var keysDirectory = Path.Combine(root, keysRelative.Replace('/', Path.DirectorySeparatorChar));
        foreach (var account in profiles.Accounts.Order(StringComparer.Ordinal))
        {
            if (FileKinds.Of(Path.Combine(keysDirectory, account)) == FileKind.Regular) continue;
            yield return new Finding(KeyCoverageCodes.AccountMissing, Severity.Warning, -1,
                $"account {account} has no key material in {keysRelative}/{account} (neither a key file nor a platform-store locator); without it this device cannot act for the account",
                File: keysRelative + "/" + account);
        }
        if (FileKinds.Of(keysDirectory) != FileKind.Directory) yield break;
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(keysDirectory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (profiles.Accounts.Contains(name) || profiles.Devices.Contains(name) || FileKinds.Of(file) != FileKind.Regular) continue;
            if (SeedTag(file) is not { } tag) continue;
            yield return new Finding(KeyCoverageCodes.Orphan, Severity.Warning, -1,
                $"{tag} seed for no account or device of this root: a private secret left behind (erase it, or restore its profile)",
                File: keysRelative + "/" + name);
        }
    }

    /// <summary>"PrivateKeyUDF" when the file holds a profile seed or a locator of one; null for anything else.</summary>
    private static string? SeedTag(string path)
    {
        try
        {
            if (new FileInfo(path).Length > KeyRing.MaxKeyFileBytes) return null;
            if (JsonBParser.Parse(File.ReadAllBytes(path)) is not JsonBObject { Members.Count: 1 } tagged) return null;
            if (tagged.Members[0].Name == "PrivateKeyUDF") return "PrivateKeyUDF";
            return tagged.Members[0].Name == KeyIdentities.LocatorTag && tagged.Members[0].Value is JsonBObject locator
                   && locator["KeyType"]?.AsString() == "PrivateKeyUDF" ? "a locator of a PrivateKeyUDF" : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or MeshFormatException)
        {
            return null; // unreadable or not a key: reported by the file checks
        }
    }
}
