using System.Security.Cryptography;
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
/// acknowledged, it reports how many silently vanished; given the run's <see cref="LogLedger"/>, also which ones, and
/// any entry that no writer asked for.
/// </summary>
public static class LogVerifier
{
    /// <param name="InDoubtPresent">With a ledger: how many of the appends in doubt (their writer was killed during
    /// them) did land in the file.</param>
    public sealed record Result(long Frames, long Entries, int Writers, long? Expected, IReadOnlyList<Finding> Findings, long? InDoubtPresent = null)
    {
        public bool Clean => Findings.All(f => f.Severity != Severity.Error);
    }

    public static Result Verify(string path, long? expectedEntries = null) => Verify(path, expectedEntries, ledger: null);

    public static Result Verify(string path, LogLedger ledger) => Verify(path, ledger.AcknowledgedCount, ledger);

    private static Result Verify(string path, long? expectedEntries, LogLedger? ledger)
    {
        var report = ContainerVerifier.Verify(path);
        var findings = new List<Finding>(report.Findings);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var appends = new HashSet<(string Id, string? Event, string Payload)>();
        var lastByWriter = new Dictionary<string, long>(StringComparer.Ordinal);
        long entries = 0;
        using (var source = new FileByteSource(path))
        {
            foreach (var frame in ContainerReader.ReadFrames(source, []))
            {
                if (frame.Ordinal == 0 || frame.Header?.ContentMeta?.UniqueId is not { } id) continue;
                entries++;
                var meta = frame.Header!.ContentMeta!;
                if (!appends.Add((id, meta.Event, PayloadFingerprint(source, frame))))
                {
                    findings.Add(new Finding(LogCodes.Duplicate, Severity.Error, frame.Offset,
                        $"entry '{id}' ({meta.Event ?? "no event"}) appears more than once with the same payload: one append written twice", frame.Ordinal));
                    continue;
                }
                // A later event on an entry already seen (Update, Delete) is a catalog's history, not a repeated append.
                if (!seen.Add(id)) continue;
                if (ledger is not null && !ledger.IsAcknowledged(id) && !ledger.IsInDoubt(id))
                {
                    // Nobody's append: judging it against a writer's sequence would only add noise (or a huge gap).
                    findings.Add(new Finding(LogCodes.Unexpected, Severity.Error, frame.Offset, $"entry '{id}' was never acknowledged nor in flight: no writer appended it", frame.Ordinal));
                    continue;
                }
                var slash = id.LastIndexOf('/');
                if (slash <= 0 || !long.TryParse(id.AsSpan(slash + 1), out var sequence)) continue;
                var writer = id[..slash];
                var previous = lastByWriter.GetValueOrDefault(writer, -1);
                if (sequence < previous)
                    findings.Add(new Finding(LogCodes.OutOfOrder, Severity.Error, frame.Offset, $"writer '{writer}': entry {sequence} comes after entry {previous}", frame.Ordinal));
                else if (sequence > previous + 1 && (ledger is null || AnyNotInDoubt(ledger, writer, previous + 1, sequence - 1)))
                    findings.Add(new Finding(LogCodes.Gap, Severity.Error, frame.Offset, $"writer '{writer}': entries {previous + 1}..{sequence - 1} are missing before entry {sequence}", frame.Ordinal));
                lastByWriter[writer] = Math.Max(previous, sequence);
            }
        }
        long? inDoubtPresent = ledger is null ? null : seen.LongCount(ledger.IsInDoubt);
        var missing = ledger?.MissingFrom(seen);
        if (missing is { Count: > 0 })
            findings.Add(new Finding(LogCodes.Vanished, Severity.Error, -1,
                $"{missing.Count} of {expectedEntries} acknowledged entries are not in the file: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}"));
        else if (ledger is null && expectedEntries is { } expected && seen.Count < expected)
            findings.Add(new Finding(LogCodes.Vanished, Severity.Error, -1,
                $"{expected - seen.Count} of {expected} acknowledged entries are not in the file ({seen.Count} distinct entries found)"));
        return new Result(report.FrameCount, entries, lastByWriter.Count, expectedEntries, findings, inDoubtPresent);
    }

    /// <summary>SHA-256 of the frame's payload record (empty for a frame without one), read in pieces.</summary>
    private static string PayloadFingerprint(FileByteSource source, DareFrame frame)
    {
        if (frame.Layout.Records.Count < 2) return "";
        var payload = frame.Layout.Records[1];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[(int)Math.Min(payload.DataLength, 64 * 1024)];
        for (long done = 0; done < payload.DataLength;)
        {
            var want = (int)Math.Min(buffer.Length, payload.DataLength - done);
            var got = source.Read(payload.DataOffset + done, buffer.AsSpan(0, want));
            if (got <= 0) break;
            hash.AppendData(buffer, 0, got);
            done += got;
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static bool AnyNotInDoubt(LogLedger ledger, string writer, long first, long last)
    {
        // More missing entries than appends in doubt: some of them were acknowledged (or never sent), whatever they are.
        if (last - first + 1 > ledger.InDoubtCount) return true;
        for (var s = first; s <= last; s++)
            if (!ledger.IsInDoubt($"{writer}/{s}")) return true;
        return false;
    }
}
