using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Platform.Stores;

/// <summary>
/// What concurrent appends left in a container, judged frame by frame (`mesh-conform verify-log`): every check of the
/// container verifier (framing both ways, torn frames, indices, tree positions, digests), plus the log's own
/// promises. Entries are named by ContentMeta UniqueId; the stress convention <c>&lt;writer&gt;/&lt;sequence&gt;</c> lets it
/// also check that each writer's entries are all there, once, in order. Given the number of appends writers
/// acknowledged, it reports how many silently vanished.
/// </summary>
public static class LogVerifier
{
    public sealed record Result(long Frames, long Entries, int Writers, long? Expected, IReadOnlyList<Finding> Findings)
    {
        public bool Clean => Findings.All(f => f.Severity != Severity.Error);
    }

    public static Result Verify(string path, long? expectedEntries = null)
    {
        var report = ContainerVerifier.Verify(path);
        var findings = new List<Finding>(report.Findings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastByWriter = new Dictionary<string, long>(StringComparer.Ordinal);
        long entries = 0;
        using (var source = new FileByteSource(path))
        {
            foreach (var frame in ContainerReader.ReadFrames(source, []))
            {
                if (frame.Ordinal == 0 || frame.Header?.ContentMeta?.UniqueId is not { } id) continue;
                entries++;
                if (!seen.Add(id))
                {
                    findings.Add(new Finding(LogCodes.Duplicate, Severity.Error, frame.Offset, $"entry '{id}' appears more than once", frame.Ordinal));
                    continue;
                }
                var slash = id.LastIndexOf('/');
                if (slash <= 0 || !long.TryParse(id.AsSpan(slash + 1), out var sequence)) continue;
                var writer = id[..slash];
                var previous = lastByWriter.GetValueOrDefault(writer, -1);
                if (sequence < previous)
                    findings.Add(new Finding(LogCodes.OutOfOrder, Severity.Error, frame.Offset, $"writer '{writer}': entry {sequence} comes after entry {previous}", frame.Ordinal));
                else if (sequence > previous + 1)
                    findings.Add(new Finding(LogCodes.Gap, Severity.Error, frame.Offset, $"writer '{writer}': entries {previous + 1}..{sequence - 1} are missing before entry {sequence}", frame.Ordinal));
                lastByWriter[writer] = Math.Max(previous, sequence);
            }
        }
        if (expectedEntries is { } expected && seen.Count < expected)
            findings.Add(new Finding(LogCodes.Vanished, Severity.Error, -1,
                $"{expected - seen.Count} of {expected} acknowledged entries are not in the file ({seen.Count} distinct entries found)"));
        return new Result(report.FrameCount, entries, lastByWriter.Count, expectedEntries, findings);
    }
}
