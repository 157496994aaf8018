using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Verification;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Tests.Robustness.Mutation;

/// <summary>A finding with the requirement the registry maps its code to (null when the registry has no requirement for it).</summary>
public sealed record MappedFinding(string? File, string Code, Severity Severity, string? RequirementId, long Offset, long? Frame, string Message)
{
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code} [{RequirementId ?? "UNMAPPED"}] {File} @{Offset}" + (Frame is { } f ? $" frame {f}" : "") + $": {Message}";
}

/// <summary>
/// What <c>mesh-conform check</c> runs on one container file of a Mesh root, for a replacement of that file's bytes,
/// without reading the rest of the root again for every mutant. It is <see cref="CheckRunner"/>'s per-file step made
/// of the same public pieces in the same way: the layout and keys once (<see cref="ProfileReader.Begin"/>); for the
/// file, the container verifier over its bytes with the catalog read following the same walk when the file is one
/// store (else each store read from the bytes and the verifier alone); the profile report from every store's result;
/// key coverage from the profiles it names; the findings deduplicated and mapped to requirements as the runner does.
/// The key files' own checks do not depend on any container and are left out. A test compares this with
/// <see cref="CheckRunner.Run(string, CheckOptions?, RequirementRegistry?)"/> on copies of the root holding mutants.
/// </summary>
public sealed class VectorCheck
{
    private static readonly string[] ContainerExtensions = [".dare", ".dcat", ".cat"];

    private readonly ProfileReading reading;
    private readonly StoreResult[] originalStores;
    private readonly Dictionary<string, List<int>> storesByFile = new(StringComparer.Ordinal);
    private readonly string keysRelative;
    private readonly Dictionary<string, List<Finding>> coverage = new(StringComparer.Ordinal);

    private VectorCheck(string root)
    {
        Root = root;
        reading = ProfileReader.Begin(root);
        Containers = ProfileTreeWalker.Walk(root)
            .Where(e => e.Kind == FileKind.Regular && ContainerExtensions.Any(x => e.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
            .Select(e => e.RelativePath)
            .Order(StringComparer.Ordinal)
            .ToList();
        for (var s = 0; s < reading.Stores.Count; s++)
        {
            if (!storesByFile.TryGetValue(reading.Stores[s].RelativePath, out var list)) storesByFile[reading.Stores[s].RelativePath] = list = [];
            list.Add(s);
        }
        originalStores = new StoreResult[reading.Stores.Count];
        for (var s = 0; s < originalStores.Length; s++) originalStores[s] = reading.ReadStore(s, source: null);
        keysRelative = StoreLocator.KeysDirectory(reading.Layout.Dialect);
    }

    public string Root { get; }

    /// <summary>Every container file the checker would verify, root-relative with '/'.</summary>
    public IReadOnlyList<string> Containers { get; }

    public static VectorCheck Open(string root) => new(root);

    /// <summary>The checker's findings for the root with <paramref name="relative"/> holding <paramref name="bytes"/>.</summary>
    public IReadOnlyList<MappedFinding> Check(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        var source = new MemoryByteSource(bytes);
        var stores = (StoreResult[])originalStores.Clone();
        var mine = storesByFile.GetValueOrDefault(relative) ?? [];
        ContainerReport report;
        if (mine is [var only] && reading.FollowStore(only, source) is { } follower)
        {
            report = ContainerVerifier.Verify(source, options: null, path, follower.Walk);
            stores[only] = follower.Finish();
        }
        else
        {
            foreach (var s in mine) stores[s] = reading.ReadStore(s, source);
            report = ContainerVerifier.Verify(source, options: null, path, follower: null);
        }
        var profile = reading.Finish(stores);
        var raw = new List<Finding>(profile.Findings);
        raw.AddRange(report.Findings.Select(f => f with { File = relative }));
        raw.AddRange(Coverage(ProfileUdfs.Of(profile)));
        var registry = RequirementRegistry.Default;
        var seen = new HashSet<(string, string?, long, long?)>();
        return raw.Where(f => seen.Add((f.Code, f.File, f.Offset, f.FrameIndex)))
            .Select(f => new MappedFinding(f.File, f.Code, f.Severity, registry.ForCode(f.Code)?.Id, f.Offset, f.FrameIndex, f.Message))
            .ToList();
    }

    /// <summary>Key coverage reads the key directory, which no mutant changes: once per set of profiles.</summary>
    private List<Finding> Coverage(ProfileUdfs profiles)
    {
        var key = string.Join(",", profiles.Accounts.Order(StringComparer.Ordinal)) + "|" + string.Join(",", profiles.Devices.Order(StringComparer.Ordinal));
        lock (coverage)
        {
            if (!coverage.TryGetValue(key, out var found)) coverage[key] = found = KeyCoverage.Run(Root, keysRelative, profiles).ToList();
            return found;
        }
    }
}
