using System.Diagnostics;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Checks;

/// <summary>
/// Runs every applicable check over a Mesh root: the layout (dialect, names, symlinks, special files), every catalog
/// log (ProfileReader), every container's framing and digests (ContainerVerifier), and the key files. It opens files
/// read-only, never follows a symlink and never writes into the root. Findings are mapped to the requirements they
/// violate; the verdict follows the requirement levels and the expectations file.
/// </summary>
public static class CheckRunner
{
    private static readonly string[] ContainerExtensions = [".dare", ".dcat", ".cat"];

    public static CheckReport Run(string root, CheckOptions? options = null, RequirementRegistry? registry = null) =>
        Run(root, options, registry, shareFileBytes: true);

    /// <param name="shareFileBytes">False has the catalog reader and the verifier each open and read the file, as before
    /// the bytes were shared: the reference the shared reading is tested against.</param>
    internal static CheckReport Run(string root, CheckOptions? options, RequirementRegistry? registry, bool shareFileBytes)
    {
        options ??= new CheckOptions();
        registry ??= RequirementRegistry.Default;
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        var reading = ProfileReader.Begin(root, options.Dialect, options.KeyDirectories);
        var containers = ContainerFiles(root, reading.Layout).ToList();
        options.OnContainerCount?.Invoke(containers.Count);
        // Every file is read from disk once: the catalog reader (for a store) and the verifier (for a container) walk
        // the same bytes. Files are independent: they are checked on every core (the verifier also hashes on a second
        // thread), and the results are merged in layout and path order so that the report does not depend on scheduling.
        var files = FilesToRead(containers, reading.Stores);
        var stores = new StoreResult[reading.Stores.Count];
        var verified = new (long Length, List<Finding> Findings)[containers.Count];
        var done = 0;
        var buffers = new ContainerBytes.Pool();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, buffers.Take,
            (f, _, buffer) =>
            {
                var (relative, container, storeIndices) = files[f];
                if (container >= 0) lock (verified) options.OnContainer?.Invoke(done++, relative);
                var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
                var held = container >= 0 && shareFileBytes ? buffer.TryRead(path) : null;
                // A file that is one store is also walked once: the catalog reader takes its frames from the verifier's walk.
                if (held is not null && storeIndices is [var only] && reading.FollowStore(only, held) is { } store)
                {
                    verified[container] = Verify(held, path, relative, store.Walk);
                    stores[only] = store.Finish();
                    return buffer;
                }
                foreach (var s in storeIndices) stores[s] = reading.ReadStore(s, held);
                if (container >= 0) verified[container] = Verify(held, path, relative, follower: null);
                return buffer;
            },
            buffers.Return);
        var profile = reading.Finish(stores);
        var raw = new List<Finding>(profile.Findings);
        long bytes = 0;
        foreach (var (length, containerFindings) in verified)
        {
            bytes += length;
            raw.AddRange(containerFindings);
        }
        raw.AddRange(KeyFileChecks.Run(root, StoreLocator.KeysDirectory(profile.Layout.Dialect), ProfileUdfs.Of(profile)));

        var findings = Deduplicate(raw).Select(f => Map(f, registry, options.Strict)).ToList();
        if (options.OnlyPrefix is { } prefix) findings = findings.Where(f => f.RequirementId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        findings = findings.Select(f => f.Fails && options.Expectations.Entries.Any(e => e.Matches(f)) ? f with { Expected = true } : f).ToList();
        var expectationProblems = options.Expectations.Stale(findings.Where(f => f.Fails))
            .Select(e => $"line {e.Line}: expected failure {e.Describe()} did not occur; remove it (it may have been fixed)")
            .ToList();

        return new CheckReport
        {
            Root = root,
            Dialect = profile.Dialect,
            ToolVersion = ToolVersion,
            Strict = options.Strict,
            Started = started,
            Duration = clock.Elapsed,
            FilesChecked = containers.Count + profile.Layout.KeyFiles.Count,
            BytesChecked = bytes,
            Findings = findings,
            Requirements = Statuses(registry, findings, options.OnlyPrefix),
            ExpectationProblems = expectationProblems,
        };
    }

    private static (long Length, List<Finding> Findings) Verify(IByteSource? bytes, string path, string relative, WalkFollower? follower)
    {
        try
        {
            var report = bytes is null ? ContainerVerifier.Verify(path) : ContainerVerifier.Verify(bytes, options: null, path, follower);
            return (report.FileLength, report.Findings.Select(f => f with { File = relative }).ToList());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, [new Finding(ProfileCodes.Unreadable, Severity.Error, -1, $"cannot read: {e.Message}", File: relative)]);
        }
    }

    /// <summary>
    /// Each file once: every container (with its index in <paramref name="containers"/>) and the stores that are that
    /// file, then the stores that are no container file found by the walk (index -1; they open the file themselves).
    /// </summary>
    private static List<(string Relative, int Container, List<int> Stores)> FilesToRead(List<string> containers, IReadOnlyList<StoreToRead> stores)
    {
        var files = containers.Select((relative, i) => (Relative: relative, Container: i, Stores: new List<int>())).ToList();
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++) byPath.TryAdd(files[i].Relative, i);
        for (var s = 0; s < stores.Count; s++)
        {
            if (!byPath.TryGetValue(stores[s].RelativePath, out var f))
            {
                f = files.Count;
                files.Add((stores[s].RelativePath, -1, []));
                byPath.Add(stores[s].RelativePath, f);
            }
            files[f].Stores.Add(s);
        }
        return files;
    }

    public static string ToolVersion { get; } =
        typeof(CheckRunner).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Every regular file with a container extension, found by the same no-symlink walk the layout used.</summary>
    private static IEnumerable<string> ContainerFiles(string root, LayoutReport layout)
    {
        if (FileKinds.Of(root) != FileKind.Directory) yield break;
        foreach (var entry in ProfileTreeWalker.Walk(root))
        {
            if (entry.Kind == FileKind.Regular && ContainerExtensions.Any(x => entry.Name.EndsWith(x, StringComparison.OrdinalIgnoreCase)))
                yield return entry.RelativePath;
        }
    }

    /// <summary>The catalog reader and the verifier both walk the frames; the same diagnostic at the same place is one finding.</summary>
    private static IEnumerable<Finding> Deduplicate(IEnumerable<Finding> findings)
    {
        var seen = new HashSet<(string, string?, long, long?)>();
        foreach (var f in findings)
            if (seen.Add((f.Code, f.File, f.Offset, f.FrameIndex))) yield return f;
    }

    private static CheckFinding Map(Finding finding, RequirementRegistry registry, bool strict)
    {
        var requirement = registry.ForCode(finding.Code);
        if (requirement is null)
        {
            // A code without a requirement is our bug; it is shown, never dropped.
            requirement = registry.ById(RequirementRegistry.InternalRequirementId)!;
        }
        var fails = finding.Severity == Severity.Error || (strict && finding.Severity == Severity.Warning);
        return new CheckFinding(requirement.Id, requirement.Level, finding.Severity, finding.Code, finding.File, finding.Offset,
            finding.FrameIndex, finding.Message, requirement.Spec, requirement.Hint, fails);
    }

    /// <summary>
    /// Requirements checked only by running writers (verify-log after a stress run: LOG-* codes) are not tested by a
    /// check of files at rest; reporting them as passed would claim what was not looked at.
    /// </summary>
    private static bool CheckedByThisRun(Requirement r) => r.Codes.Any(c => !c.StartsWith("LOG-", StringComparison.Ordinal));

    private static List<RequirementResult> Statuses(RequirementRegistry registry, IReadOnlyList<CheckFinding> findings, string? only)
    {
        var byRequirement = findings.ToLookup(f => f.RequirementId);
        return registry.All.Select(r =>
        {
            var mine = byRequirement[r.Id].ToList();
            var status =
                only is not null && !r.Id.StartsWith(only, StringComparison.Ordinal) ? RequirementStatus.Skipped
                : mine.Any(f => f.Fails && !f.Expected) ? RequirementStatus.Fail
                : mine.Any(f => f.Fails) ? RequirementStatus.ExpectedFail
                : mine.Any(f => f.Severity != Severity.Info) ? RequirementStatus.Warn
                : !r.Automated || !CheckedByThisRun(r) ? RequirementStatus.NotAutomated
                : RequirementStatus.Pass;
            return new RequirementResult(r, status, mine.Count);
        }).ToList();
    }
}
