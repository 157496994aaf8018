using MeshConformance.Core;
using MeshConformance.Dare.Verification;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Platform.Vectors;

/// <summary>Runs the checker a vector kind calls for and returns its findings, with files relative to the vector root.</summary>
public static class VectorCheckers
{
    public const string Profile = "profile";
    public const string Containers = "containers";

    public static IReadOnlyList<Finding> Run(string kind, string vectorRoot, IReadOnlyDictionary<string, string> parameters) => kind switch
    {
        Profile => CheckProfile(vectorRoot),
        Containers => CheckContainers(vectorRoot, parameters),
        _ => [new Finding("VECTOR-KIND-UNKNOWN", Severity.Error, -1, $"unknown vector kind '{kind}'")],
    };

    /// <summary>The profile reader (layout and catalog logs), full digest verification of every store it found, and
    /// whether the key directory matches the profiles.</summary>
    private static List<Finding> CheckProfile(string vectorRoot)
    {
        var report = ProfileReader.Read(vectorRoot);
        var findings = new List<Finding>(report.Findings);
        findings.AddRange(KeyCoverage.Run(vectorRoot, StoreLocator.KeysDirectory(report.Layout.Dialect), ProfileUdfs.Of(report)));
        var stores = report.Accounts.SelectMany(a => a.Stores).Prepend(report.HostCatalog).OfType<StoreSummary>();
        foreach (var store in stores)
        {
            var verified = ContainerVerifier.Verify(Path.Combine(vectorRoot, store.RelativePath.Replace('/', Path.DirectorySeparatorChar)));
            findings.AddRange(verified.Findings.Select(f => f with { File = store.RelativePath }));
        }
        return findings;
    }

    private static List<Finding> CheckContainers(string vectorRoot, IReadOnlyDictionary<string, string> parameters)
    {
        var masterKey = parameters.TryGetValue("masterKeyHex", out var hex) ? Hex.Decode(hex) : null;
        var findings = new List<Finding>();
        foreach (var file in Directory.EnumerateFiles(vectorRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(vectorRoot, file).Replace('\\', '/');
            // CollectFrames makes the verifier decrypt every payload with the key, so a wrong key or damaged ciphertext shows.
            var report = ContainerVerifier.Verify(file, new VerifyOptions { CollectFrames = masterKey is not null, MasterKey = masterKey });
            findings.AddRange(report.Findings.Select(f => f with { File = relative }));
        }
        return findings;
    }
}
