using MeshConformance.Core;
using MeshConformance.JsonB;
using MeshConformance.Platform.Keys;
using MeshConformance.Udf;

namespace MeshConformance.Checks;

/// <summary>
/// Checks of the key directory and key files (reference-platform.md §3): parseable tagged JOSE keys; on Unix, no key
/// file or key directory open to group or others and the same owner as the profile root; and every private key
/// stored in plaintext reported, because the platform draft prefers the platform's key storage. Reads at most
/// <see cref="KeyRing.MaxKeyFileBytes"/> of a regular file and never follows a symlink.
/// </summary>
public static class KeyFileChecks
{
    // Members that hold private key material in the reference's JOSE key objects.
    private static readonly string[] PrivateMembers = ["PrivateValue", "Private", "d", "p", "q", "k"];

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <param name="root">The checked root (for the owner comparison and relative paths).</param>
    /// <param name="keysRelative">The key directory relative to the root, '/' separators.</param>
    /// <param name="profiles">The profiles the root holds (accounts, devices of the host catalog): with them, an account
    /// without its key material and a seed for no profile here are reported too.</param>
    public static IEnumerable<Finding> Run(string root, string keysRelative, ProfileUdfs? profiles = null)
    {
        foreach (var finding in Files(root, keysRelative)) yield return finding;
        if (profiles is not null)
            foreach (var finding in KeyCoverage.Run(root, keysRelative, profiles)) yield return finding;
    }

    private static IEnumerable<Finding> Files(string root, string keysRelative)
    {
        var keysDirectory = Path.Combine(root, keysRelative.Replace('/', Path.DirectorySeparatorChar));
        if (FileKinds.Of(keysDirectory) != FileKind.Directory) yield break;
        var rootOwner = FileKinds.UnixOwner(root);
        foreach (var finding in Permissions(keysDirectory, keysRelative, isDirectory: true, rootOwner)) yield return finding;
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(keysDirectory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break; // The layout walk reports unreadable directories.
        }
        foreach (var file in files)
        {
            var relative = keysRelative + "/" + Path.GetFileName(file);
            if (FileKinds.Of(file) != FileKind.Regular) continue; // symlinks and special files: reported by the layout walk
            foreach (var finding in Permissions(file, relative, isDirectory: false, rootOwner)) yield return finding;
            foreach (var finding in Content(file, relative)) yield return finding;
        }
    }

    private static IEnumerable<Finding> Permissions(string path, string relative, bool isDirectory, int? rootOwner)
    {
        if (OperatingSystem.IsWindows()) yield break;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
        {
            yield return new Finding(isDirectory ? CheckCodes.KeyDirectoryPermissions : CheckCodes.KeyPermissions, Severity.Error, -1,
                $"{(isDirectory ? "key directory" : "key file")} mode is {Octal(mode)}: group or others may {Access(mode)} it; a private key must be owner-only ({(isDirectory ? "0700" : "0600")})",
                File: relative);
        }
        if (rootOwner is { } owner && FileKinds.UnixOwner(path) is { } uid && uid != owner)
            yield return new Finding(CheckCodes.KeyOwner, Severity.Error, -1, $"owned by uid {uid}, but the profile root belongs to uid {owner}", File: relative);
    }

    private static IEnumerable<Finding> Content(string path, string relative)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > KeyRing.MaxKeyFileBytes)
            {
                return [new Finding(CheckCodes.KeyUnparsable, Severity.Error, -1, $"{stream.Length} bytes: far larger than any key file; not read", File: relative)];
            }
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new Finding(CheckCodes.KeyUnparsable, Severity.Error, -1, $"cannot read: {e.Message}", File: relative)];
        }
        return Content(bytes, Path.GetFileName(path), relative);
    }

    /// <summary>
    /// The content checks of one key file's bytes (parse, type, name, plaintext), apart from the file system: the
    /// fuzz harness feeds untrusted bytes through exactly this path.
    /// </summary>
    /// <param name="name">The file's name, which a key file's content must match.</param>
    public static List<Finding> Content(byte[] bytes, string name, string relative)
    {
        JsonBValue parsed;
        try
        {
            parsed = JsonBParser.Parse(bytes);
        }
        catch (MeshFormatException e)
        {
            return [new Finding(CheckCodes.KeyUnparsable, Severity.Error, e.Offset, $"not a JSON key object: {e.Message}", File: relative)];
        }
        if (parsed is not JsonBObject { Members.Count: 1 } tagged || tagged.Members[0].Value is not JsonBObject key)
        {
            return [new Finding(CheckCodes.KeyUnparsable, Severity.Error, 0,
                $"not a tagged key object ({string.Join(", ", KeyIdentities.Tags)}): found {parsed.Describe()}", File: relative)];
        }
        var tag = tagged.Members[0].Name;
        if (!KeyIdentities.Tags.Contains(tag))
        {
            return [new Finding(CheckCodes.KeyUnknownType, Severity.Error, tagged.Members[0].NameOffset,
                $"unknown key type '{tag}' (known: {string.Join(", ", KeyIdentities.Tags)})", File: relative)];
        }
        var findings = new List<Finding>();
        var identity = KeyIdentities.Of(tag, key);
        if (identity.Problem is { } problem)
            findings.Add(new Finding(CheckCodes.KeyInvalid, Severity.Error, key.Offset, $"{tag}: {problem}", File: relative));
        if (identity.Unverifiable is { } why)
            findings.Add(new Finding(CheckCodes.KeyNameUnverified, Severity.Info, -1, $"{tag}: the file name is not checked: {why}", File: relative));
        else if (identity.Names.Count > 0)
        {
            var match = identity.Names.FirstOrDefault(n => NamedBy(name, n.Udf));
            var what = identity.IsLocator ? "key this locator stands for" : "key it holds";
            if (match is null)
            {
                findings.Add(new Finding(CheckCodes.KeyNameMismatch, Severity.Error, -1,
                    $"named {name}, but the {what} is {string.Join(" or ", identity.Names.Select(n => $"{n.Udf} ({n.How})"))}", File: relative));
            }
            else if (match.ReferenceForm)
            {
                // Not wrong for interoperating with the reference, but not what the drafts say: worth knowing.
                var drafts = identity.Names.FirstOrDefault(n => !n.ReferenceForm);
                findings.Add(new Finding(CheckCodes.KeyNameReferenceForm, Severity.Info, -1,
                    $"named the reference implementation's way ({match.How}); " +
                    (drafts is null ? "the drafts define no derivation for this key" : $"the drafts' way gives {drafts.Udf}"), File: relative));
            }
        }
        // A locator holds no key material: the key is in a platform store, as the draft prefers.
        var secret = identity.IsLocator ? null : PrivateMembers.FirstOrDefault(m => key[m] is not null);
        if (secret is not null)
        {
            findings.Add(new Finding(CheckCodes.KeyPlaintext, Severity.Warning, key[secret]!.Offset,
                $"{tag} holds its private key ('{secret}') in plaintext in the profile directory; the platform draft (§1) prefers the platform's key storage",
                File: relative));
        }
        return findings;
    }

    /// <summary>The name is the key's UDF, at the reference's precision or any other (a prefix of the same fingerprint).</summary>
    private static bool NamedBy(string name, string udf)
    {
        if (string.Equals(name, udf, StringComparison.Ordinal)) return true;
        try
        {
            return UDF.PrefixMatch(name, udf);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or MeshFormatException)
        {
            return false; // not a UDF at all: the layout walk reports the name (LAYOUT-KEY-NOT-UDF)
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);

    private static string Access(UnixFileMode mode)
    {
        var rights = new List<string>();
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0) rights.Add("read");
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0) rights.Add("write");
        if ((mode & (UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0) rights.Add("search/execute");
        return string.Join(" and ", rights);
    }
}
