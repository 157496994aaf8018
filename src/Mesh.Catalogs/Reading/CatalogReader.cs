using System.Security.Cryptography;
using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Catalogs;

/// <summary>
/// Reads a DARE container as a catalog or spool: frame 0 as the store header (its content type is checked against
/// the kind), every later frame as one log entry (reference-platform.md §4, §5). Frames are read one at a time and
/// each payload is dropped once parsed, so memory follows the number of keys, not the size of the file.
/// Bad input never throws: it becomes a finding.
/// <para>
/// Headers are read by the DARE checking-mode reader: records of the common shape without a JSON tree, anything
/// else by the full parser, so the findings and the state are those of <see cref="ContainerReader.ReadFrames"/>.
/// </para>
/// </summary>
public static class CatalogReader
{
    /// <summary>Payloads larger than this are reported, not parsed: no catalog entry comes close.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    /// <param name="source">The container bytes.</param>
    /// <param name="kind">What the store is; null to infer it from frame 0's content type and the first data frame.</param>
    /// <param name="decrypt">Given a frame and its payload as stored, returns the plaintext, or null when it cannot.</param>
    /// <param name="keepEntryBodies">Keep live entries' JSON bodies and ContentMeta in the state (off for checking: tags, keys and frames suffice).</param>
    public static CatalogReadResult Read(IByteSource source, CatalogKind? kind, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>? decrypt = null,
        bool keepEntryBodies = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Read(source, kind, decrypt, keepEntryBodies, fastHeaders: true);
    }

    /// <param name="fastHeaders">False parses every header into a JSON tree (<see cref="ContainerReader.ReadFrames"/>): the reference the fast path is tested against.</param>
    /// <param name="fastEntries">False parses every entry into a JSON tree even when its body is not kept: the reference <see cref="FastEntryReader"/> is tested against.</param>
    internal static CatalogReadResult Read(IByteSource source, CatalogKind? kind, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>? decrypt,
        bool keepEntryBodies, bool fastHeaders, bool fastEntries = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        var run = new ReadRun(source, kind, decrypt, keepEntryBodies, fastEntries);
        run.Walk(fastHeaders);
        return run.Result();
    }

    /// <summary>
    /// A read of <paramref name="source"/> that takes its frames from the verifier's walk of the same bytes
    /// (<see cref="ContainerVerifier.Verify(IByteSource, VerifyOptions?, string?, WalkFollower?)"/>) instead of walking
    /// them again. <see cref="CatalogFollower.Result"/> is what <see cref="Read(IByteSource, CatalogKind?, Func{DareFrame, ReadOnlyMemory{byte}, byte[]?}?, bool)"/> gives.
    /// </summary>
    public static CatalogFollower Follow(IByteSource source, CatalogKind? kind, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>? decrypt = null,
        bool keepEntryBodies = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new CatalogFollower(new ReadRun(source, kind, decrypt, keepEntryBodies, fastEntries: true),
            () => Read(source, kind, decrypt, keepEntryBodies));
    }

    /// <summary>
    /// A catalog read fed by another walk (<see cref="Follow"/>). When that walk did not reach its end (it failed, or kept
    /// parsed frames and so fed nothing), or reading a frame failed, <see cref="Result"/> reads the bytes alone instead:
    /// a stand-alone read reports such failures in its own way, and replaying it gives exactly its result.
    /// </summary>
    public sealed class CatalogFollower : WalkFollower
    {
        private readonly ReadRun run;
        private readonly Func<CatalogReadResult> readAlone;
        private bool failed;
        private bool ended;

        internal CatalogFollower(ReadRun run, Func<CatalogReadResult> readAlone)
        {
            this.run = run;
            this.readAlone = readAlone;
        }

        internal override void Frame(CheckedFrame frame, IReadOnlyList<Finding> readingFindings)
        {
            if (failed) return;
            try
            {
                run.Take(frame, readingFindings);
            }
            catch (Exception)
            {
                // Whatever went wrong is reported (or thrown) by the stand-alone read Result falls back to.
                failed = true;
            }
        }

        internal override void End(IReadOnlyList<Finding> readingFindings, WalkState walk)
        {
            if (failed) return;
            run.End(readingFindings, walk);
            ended = true;
        }

        public CatalogReadResult Result() => ended && !failed ? run.Result() : readAlone();
    }

    /// <summary>The mutable state of one read.</summary>
    internal sealed class ReadRun(IByteSource source, CatalogKind? requestedKind, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>? decrypt, bool keepEntryBodies,
        bool fastEntries)
    {
        private readonly FindingSink findings = new();
        private readonly List<Finding> frameFindings = [];
        private readonly WalkState walk = new();
        private CatalogKind? kind = requestedKind;
        private CatalogLog? log;
        private string? containerType;
        private string? frameZeroContentType;
        private bool isEncrypted;
        private long entriesRead;
        private long notDecrypted;

        public void Walk(bool fastHeaders)
        {
            try
            {
                foreach (var frame in ContainerReader.ReadCheckedFrames(source, frameFindings, walk, keepParsed: !fastHeaders, readContentMeta: true))
                    Take(frame);
            }
            catch (MeshFormatException e)
            {
                frameFindings.Add(Finding.From(e));
            }
            catch (IOException e)
            {
                frameFindings.Add(new Finding(CatalogCodes.ReadFailed, Severity.Error, walk.ValidEnd, $"reading stopped: {e.Message}"));
            }
            Drain();
        }

        /// <summary>One frame of the walk, after the findings reading it gave (in <see cref="frameFindings"/>).</summary>
        public void Take(CheckedFrame frame)
        {
            Drain();
            if (frame.Ordinal == 0) ReadHeaderFrame(frame);
            else ReadDataFrame(frame);
        }

        /// <summary>A frame of a walk someone else drives (<see cref="CatalogFollower"/>).</summary>
        public void Take(CheckedFrame frame, IReadOnlyList<Finding> readingFindings)
        {
            frameFindings.AddRange(readingFindings);
            Take(frame);
        }

        /// <summary>The end of a walk someone else drove: what <see cref="Walk"/> does after its last frame.</summary>
        public void End(IReadOnlyList<Finding> readingFindings, WalkState endedWalk)
        {
            frameFindings.AddRange(readingFindings);
            walk.FrameCount = endedWalk.FrameCount;
            Drain();
        }

        public CatalogReadResult Result()
        {
            if (notDecrypted > 0)
            {
                findings.Add(new Finding(CatalogCodes.HeaderLevelOnly, Severity.Info, -1,
                    $"{notDecrypted} encrypted payloads were not decrypted" + (decrypt is null ? " (no decrypt delegate)" : "") +
                    ": their frames are checked at header level only"));
            }
            var effectiveKind = kind;
            var state = (log ?? new CatalogLog(effectiveKind ?? CatalogKinds.AnyCatalog, keepEntryBodies)).ToState();
            var all = findings.ToList();
            all.AddRange(state.Findings);
            // File order: findings without an offset (summaries) go last.
            var ordered = all.OrderBy(f => f.Offset < 0 ? long.MaxValue : f.Offset).ToList();
            return new CatalogReadResult
            {
                Kind = log?.Kind ?? effectiveKind,
                FrameCount = walk.FrameCount,
                ContainerType = containerType,
                FrameZeroContentType = frameZeroContentType,
                IsEncrypted = isEncrypted,
                HeaderLevelOnly = notDecrypted > 0,
                EntriesRead = entriesRead,
                FramesNotDecrypted = notDecrypted,
                State = state,
                Findings = ordered,
            };
        }

        /// <summary>Moves the DARE reader's findings into the capped sink as they appear.</summary>
        private void Drain()
        {
            findings.AddRange(frameFindings);
            frameFindings.Clear();
        }

        private void ReadHeaderFrame(CheckedFrame frame)
        {
            var header = frame.Header;
            containerType = header?.Info?.ContainerType;
            frameZeroContentType = header?.ContentMeta?.ContentType;
            isEncrypted |= header?.IsEncrypted == true;
            if (header is null) return;
            if (containerType is not null && containerType != "Merkle")
            {
                findings.Add(new Finding(CatalogCodes.ContainerTypeNotMerkle, Severity.Info, frame.Offset,
                    $"the container type is {containerType}; the reference writes every store as Merkle", 0));
            }
            if (frameZeroContentType is null)
            {
                findings.Add(new Finding(CatalogCodes.FrameZeroContentTypeMissing, Severity.Warning, frame.Offset,
                    "frame 0 has no ContentMeta cty" + (kind is null ? "" : $"; the reference writes {kind.FrameZeroContentType} for {kind}"), 0));
                return;
            }
            if (kind is null)
            {
                // Host has its own content type; catalog or spool is decided by the first data frame.
                if (frameZeroContentType == CatalogKinds.HostContentType) kind = CatalogKinds.Host;
                return;
            }
            if (frameZeroContentType != kind.FrameZeroContentType)
            {
                findings.Add(new Finding(CatalogCodes.FrameZeroContentTypeMismatch, Severity.Error, frame.Offset,
                    $"frame 0 says cty '{frameZeroContentType}', but {kind} carries '{kind.FrameZeroContentType}'", 0));
            }
        }

        private void ReadDataFrame(CheckedFrame frame)
        {
            var header = frame.Header;
            if (header is null) return; // the DARE reader has reported why
            // A meta (index) frame is not an entry: dare says it MUST NOT be read as a data frame with an empty payload.
            if (header.Info?.IsMeta == true) return;
            var meta = header.ContentMeta;
            // Without a kind, a frame with Event is a catalog frame and one without is a spool message (§4.2, §4.4).
            kind ??= meta?.Event is null ? CatalogKinds.AnySpool : CatalogKinds.AnyCatalog;
            log ??= new CatalogLog(kind, keepEntryBodies);

            var index = header.Info?.Index ?? frame.Ordinal;
            var (entry, payloadState) = ReadPayload(frame, index, meta?.UniqueId);
            log.Apply(new LogFrame(index, meta, entry, payloadState, frame.Offset));
        }

        /// <param name="uniqueId">The frame's ContentMeta UniqueId: an entry read without a tree whose key has that text shares the string.</param>
        private (CatalogEntry? Entry, PayloadState State) ReadPayload(CheckedFrame frame, long index, string? uniqueId)
        {
            if (frame.Framing.Payload is not { DataLength: > 0 } record) return (null, PayloadState.Absent);
            var encrypted = frame.Header!.IsEncrypted;
            isEncrypted |= encrypted;
            if (record.DataLength > MaxPayloadBytes)
            {
                findings.Add(new Finding(CatalogCodes.PayloadTooLarge, Severity.Error, record.TagOffset,
                    $"the payload is {record.DataLength} bytes; payloads over {MaxPayloadBytes} bytes are not parsed", index));
                return (null, encrypted ? PayloadState.Encrypted : PayloadState.Unreadable);
            }
            if (!encrypted)
            {
                // A payload the fast entry reader accepts is read where the source holds it: no copy per entry.
                if (source is IByteWindow window && window.TryGetSpan(record.DataOffset, (int)record.DataLength, out var lent) && TryReadFast(lent, uniqueId) is { } entry)
                    return (entry, PayloadState.Entry);
                return Parse(source.ReadRange(record.DataOffset, (int)record.DataLength), record.DataOffset, index, remapToRecord: false, uniqueId);
            }
            var stored = source.ReadRange(record.DataOffset, (int)record.DataLength);

            var plaintext = Decrypt(frame, stored, record.DataOffset, index);
            if (plaintext is null)
            {
                notDecrypted++;
                return (null, PayloadState.Encrypted);
            }
            // An empty plaintext (e.g. a Delete in an encrypted store) is stored as 16 bytes of CBC padding: no payload.
            return plaintext.Length == 0 ? (null, PayloadState.Absent) : Parse(plaintext, record.DataOffset, index, remapToRecord: true, uniqueId);
        }

        private byte[]? Decrypt(CheckedFrame frame, byte[] stored, long offset, long index)
        {
            if (decrypt is null) return null;
            // The delegate takes the parsed frame. The fast path did not build one: parse this frame again, quietly,
            // since its findings were reported by the walk.
            var parsed = frame.Parsed ?? ContainerReader.ReadFrame(source, frame.Layout, []);
            try
            {
                return decrypt(parsed, stored);
            }
            catch (Exception e) when (e is CryptographicException or MeshFormatException or ArgumentException)
            {
                findings.Add(new Finding(CatalogCodes.DecryptFailed, Severity.Warning, offset, $"the payload could not be decrypted: {e.Message}", index));
                return null;
            }
        }

        /// <summary>
        /// Without bodies to keep, the tag and key are all the log needs: they are read without a tree when the payload
        /// allows (<see cref="FastEntryReader"/>); null when it does not, and the payload is then parsed.
        /// </summary>
        private CatalogEntry? TryReadFast(ReadOnlySpan<byte> payload, string? uniqueId)
        {
            if (keepEntryBodies || !fastEntries || FastEntryReader.TryRead(payload, kind, uniqueId) is not { } fast) return null;
            entriesRead++;
            return fast;
        }

        /// <summary>
        /// Parses a payload. Offsets inside decrypted plaintext mean nothing in the file, so findings about it point at
        /// the payload record instead.
        /// </summary>
        private (CatalogEntry?, PayloadState) Parse(byte[] bytes, long offset, long index, bool remapToRecord, string? uniqueId)
        {
            if (TryReadFast(bytes, uniqueId) is { } fast) return (fast, PayloadState.Entry);
            var local = new List<Finding>();
            var entry = CatalogEntryParser.Parse(bytes, remapToRecord ? 0 : offset, kind, index, local);
            foreach (var f in local)
                findings.Add(remapToRecord ? f with { Offset = offset, Message = "in the decrypted payload: " + f.Message } : f);
            if (entry is null) return (null, PayloadState.Unreadable);
            entriesRead++;
            return (entry, PayloadState.Entry);
        }
    }
}
