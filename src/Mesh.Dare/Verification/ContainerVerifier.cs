using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;

namespace MeshConformance.Dare.Verification;

public sealed record VerifyOptions
{
    /// <summary>Keep a <see cref="FrameReport"/> per frame (inspect). Off for checking, which then runs in bounded memory.</summary>
    public bool CollectFrames { get; init; }

    /// <summary>Master key (base seed) used to decrypt encrypted payloads; null to leave them encrypted.</summary>
    public byte[]? MasterKey { get; init; }

    /// <summary>Keep decrypted plaintext in the frame reports.</summary>
    public bool KeepPlaintext { get; init; }
}

/// <summary>
/// Checks a container against every rule a file at rest can be tested for (formats.md §1.8): framing both
/// ways, frame 0, indices, tree positions, the three digests in both dialects, salts and recipients.
/// It keeps per-frame state compact (offsets and indices) so a container of millions of frames stays cheap.
/// </summary>
public static class ContainerVerifier
{
    public static ContainerReport Verify(string path, VerifyOptions? options = null)
    {
        using var source = new FileByteSource(path);
        return Verify(source, options, path);
    }

    public static ContainerReport Verify(IByteSource source, VerifyOptions? options = null, string? path = null) =>
        Verify(source, options, path, VerifierTuning.Default);

    /// <param name="follower">Given every frame this walk reads (a catalog read of the same bytes), so that the file is walked
    /// once. A walk that keeps parsed frames (<see cref="VerifyOptions.CollectFrames"/>) does not feed it: it then reads alone.</param>
    public static ContainerReport Verify(IByteSource source, VerifyOptions? options, string? path, WalkFollower? follower) =>
        Verify(source, options, path, VerifierTuning.Default, follower);

    internal static ContainerReport Verify(IByteSource source, VerifyOptions? options, string? path, VerifierTuning tuning, WalkFollower? follower = null)
    {
        options ??= new VerifyOptions();
        var report = new ContainerReport { Path = path, FileLength = source.Length };
        var state = new VerifierState(report, options, source);
        var walk = new WalkState();
        var keepParsed = options.CollectFrames || !tuning.FastHeaders;
        var findingsWhileReading = new List<Finding>();
        // The follower reads catalogs, which need each header's whole ContentMeta; reading it never changes what the
        // walk accepts or finds, so the verifier's checks see the same frames.
        var followed = keepParsed ? null : follower;
        var frames = new CheckingWalk(source, findingsWhileReading, walk, keepParsed, readContentMeta: followed is not null);
        CheckInBatches(frames, findingsWhileReading, source, state, report, tuning.ParallelDigests && Environment.ProcessorCount > 1, followed);
        followed?.End(findingsWhileReading, walk);
        report.Findings.AddRange(findingsWhileReading); // what ended the walk comes after the last frame's findings
        report.FrameCount = walk.FrameCount;
        report.ValidEnd = walk.ValidEnd;
        if (walk.Broken && walk.FrameCount > 0)
        {
            report.Findings.Add(new Finding(ContainerCodes.TornTail, Severity.Error, walk.ValidEnd,
                $"{source.Length - walk.ValidEnd} bytes after the last complete frame (frame {walk.FrameCount - 1}) do not form a frame: " +
                "a torn or partial append, or trailing garbage"));
        }
        if (!walk.Broken && walk.FrameCount > 0 && FrameScanner.CheckReverseWalk(source, walk.ValidEnd, walk.FrameCount, state.FrameOffsetAt) is { } problem)
        {
            report.Findings.Add(problem);
        }
        state.Finish();
        return report;
    }

    /// <summary>
    /// Reads the next batch of frames while another thread hashes the previous one (reading and hashing are the
    /// two big costs), helps finish that hashing, then checks its frames in file order. Findings keep the order
    /// of a plain sequential walk: each frame's reading findings, then its check findings.
    /// </summary>
    private static void CheckInBatches(CheckingWalk frames, List<Finding> findingsWhileReading, IByteSource source,
        VerifierState state, ContainerReport report, bool parallel, WalkFollower? follower)
    {
        var current = new FrameDigestBatch(source.Length, follower);
        var next = new FrameDigestBatch(source.Length, follower);
        var more = current.Fill(frames, findingsWhileReading, source);
        var hashing = parallel ? Task.Run(current.ComputeDigests) : null;
        while (current.Count > 0)
        {
            var moreAfterNext = next.Fill(frames, findingsWhileReading, source, more);
            current.ComputeDigests();
            hashing?.GetAwaiter().GetResult();
            hashing = parallel && next.Count > 0 ? Task.Run(next.ComputeDigests) : null;
            for (var i = 0; i < current.Count; i++)
            {
                if (current.ReadFindings(i) is { } found) report.Findings.AddRange(found);
                state.Check(current.Frame(i), current.PayloadDigest(i), current.Work(i));
            }
            more = moreAfterNext;
            (current, next) = (next, current);
        }
        current.Release();
        next.Release();
    }

    private sealed class VerifierState(ContainerReport report, VerifyOptions options, IByteSource source)
    {
        private readonly List<long> offsets = [];
        private readonly List<long> indices = [];
        private readonly SeenIndexSet seenIndices = new();
        private readonly HashSet<string> seenSalts = new(StringComparer.Ordinal);
        private readonly byte[] previousPayloadDigest = new byte[DareDigests.Size];
        private bool hasPreviousPayloadDigest;
        private int wrappedFrames;
        private long firstWrappedOffset = -1;
        private int chainReference, chainDraft, chainBoth, chainNeither;
        private int treeSequence, treeCatalog, treeBoth, treeNeither;
        private int dare08Frames, dare12Frames;

        public long FrameOffsetAt(long ordinal) => offsets[(int)ordinal];

        private List<Finding> Findings => report.Findings;

        /// <param name="payloadDigest">The computed payload digest, empty when the frame needed none.</param>
        /// <param name="digests">Which stored digests match, computed ahead (possibly on another thread).</param>
        public void Check(CheckedFrame frame, ReadOnlySpan<byte> payloadDigest, in FrameDigestWork digests)
        {
            offsets.Add(frame.Offset);
            indices.Add(frame.Index ?? -1);
            var header = frame.Header;
            if (header is not null)
            {
                if (header.HasWrappedBase64 || frame.Trailer?.HasWrappedBase64 == true)
                {
                    wrappedFrames++;
                    if (firstWrappedOffset < 0) firstWrappedOffset = frame.Offset;
                }
                if (header.Vocabulary == DareVocabulary.Dare08) dare08Frames++;
                if (header.Vocabulary == DareVocabulary.Dare12) dare12Frames++;
            }

            if (frame.Ordinal == 0) CheckFrame0(frame);
            else CheckDataFrame(frame);

            if (frame.Framing.Payload is null)
            {
                Add(ContainerCodes.PayloadRecordMissing, Severity.Warning, frame.Framing.BodyOffset, frame,
                    "the frame has a header record only; the payload record should be present, even if empty (F0 00)");
            }

            var payloadCheck = CheckPayloadDigest(frame, digests);
            var (chainCheck, chainDialect) = CheckChainDigest(frame, payloadDigest, digests);
            var (treeCheck, treeConvention) = CheckTreeDigest(frame, digests);
            hasPreviousPayloadDigest = !payloadDigest.IsEmpty;
            payloadDigest.CopyTo(previousPayloadDigest);
            if (header is not null) CheckEncryption(frame, header);
            if (header is not null && header.HasSignatures && frame.Trailer?.HasSignatures == true)
            {
                Add(Model.HeaderCodes.TrailerSignatures, Severity.Error, frame.Framing.Trailer!.Value.DataOffset, frame,
                    "both the header and the trailer carry 'signatures' (dare §5.2.1: a trailer MUST NOT when the header does)");
            }

            if (options.CollectFrames)
            {
                report.Frames.Add(BuildReport(frame, payloadCheck, chainCheck, chainDialect, treeCheck, treeConvention));
            }
            if (frame.Index is { } index) report.LastIndex = index;
        }

        private void CheckFrame0(CheckedFrame frame)
        {
            var header = frame.Header;
            if (frame.HeaderFirstByte != (byte)'{' && frame.Framing.Header.DataLength > 0)
            {
                Add(ContainerCodes.Frame0Json, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    $"frame 0's header starts with byte 0x{frame.HeaderFirstByte:X2}; it MUST be JSON text (dare §6.1.1)");
            }
            if (header is null) return;
            report.ContentType = header.ContentType;
            var info = header.Info;
            if (info is null)
            {
                Add(ContainerCodes.Frame0Info, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    "frame 0's header has neither ContainerInfo nor SequenceInfo, so the container type is unknown");
                return;
            }
            report.Vocabulary = header.Vocabulary;
            if (info.Index != 0)
            {
                Add(ContainerCodes.Frame0Index, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    info.Index is null ? $"frame 0's {header.InfoMemberName} has no Index; it must be 0" : $"frame 0 has Index {info.Index}; it must be 0");
            }
            report.ContainerTypeText = info.ContainerType;
            if (ContainerTypes.TryParse(info.ContainerType, out var type)) report.ContainerType = type;
            else
            {
                Add(ContainerCodes.Frame0Type, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    info.ContainerType is null
                        ? "frame 0 does not name a ContainerType"
                        : $"frame 0 names ContainerType '{info.ContainerType}', which is not List, Digest, Chain, Tree or Merkle");
            }
            report.DataEncoding = info.DataEncoding;
            if (info.DataEncoding is null)
            {
                Add(ContainerCodes.Frame0Encoding, Severity.Warning, frame.Framing.Header.DataOffset, frame,
                    $"frame 0's {header.InfoMemberName} has no DataEncoding (dare §6.1.1); the reference writes this shape when it copies a catalog from another machine");
            }
            if (info.IsMeta == true) Add(ContainerCodes.MetaFrame, Severity.Info, frame.Offset, frame, "frame 0 is marked as a meta frame");
        }

        private void CheckDataFrame(CheckedFrame frame)
        {
            var header = frame.Header;
            if (header is null) return;
            var info = header.Info;
            if (info is null || info.Index is null)
            {
                Add(ContainerCodes.IndexMissing, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    "the header has no " + (info is null ? "ContainerInfo/SequenceInfo" : header.InfoMemberName + ".Index") + "; every frame carries its Index");
            }
            if (info is null) return;
            if (info.DataEncoding is not null || info.ContainerType is not null)
            {
                Add(ContainerCodes.InfoOnlyInFrame0, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    "DataEncoding and ContainerType are only valid in frame 0 (dare §6.1.1)");
            }
            if (info.Index is { } index)
            {
                if (!seenIndices.Add(index) || index == 0)
                {
                    Add(ContainerCodes.IndexDuplicate, Severity.Error, frame.Framing.Header.DataOffset, frame,
                        $"Index {index} was already used by an earlier frame; indices MUST be unique (dare §6.1.1)");
                }
                else if (index != frame.Ordinal)
                {
                    Add(ContainerCodes.IndexSequence, Severity.Error, frame.Framing.Header.DataOffset, frame,
                        $"frame {frame.Ordinal} in file order carries Index {index}; indices run 0, 1, 2, … in file order");
                }
            }
            if (info.IsMeta == true) Add(ContainerCodes.MetaFrame, Severity.Info, frame.Offset, frame, "meta frame (not counted as a data frame)");
            if (info.ExchangePosition is { } exchange && exchange >= frame.Offset)
            {
                Add(ContainerCodes.ExchangePosition, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    $"ExchangePosition {exchange} is not earlier in the file than this frame (offset {frame.Offset}) (dare §1.3.3)");
            }
            CheckTreePosition(frame, info);
        }

        private void CheckTreePosition(CheckedFrame frame, SequenceInfo info)
        {
            if (report.ContainerType is not { } type || !type.HasTreePosition()) return;
            var expectedFrame = TreeIndex.PreviousFrame(frame.Ordinal);
            var expectedOffset = offsets[(int)expectedFrame];
            if (info.TreePosition is not { } position)
            {
                Add(ContainerCodes.TreePositionMissing, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    $"a {type} frame carries TreePosition; expected {expectedOffset} (the offset of frame {expectedFrame})");
                return;
            }
            if (position != expectedOffset)
            {
                var landed = offsets.IndexOf(position);
                Add(ContainerCodes.TreePosition, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    $"TreePosition is {position} but frame PreviousFrame({frame.Ordinal}) = {expectedFrame} starts at {expectedOffset}" +
                    (landed >= 0 ? $" ({position} is the start of frame {landed})" : $" ({position} is not the start of any frame)"));
            }
            else if (indices[(int)expectedFrame] is var atIndex && atIndex >= 0 && atIndex != expectedFrame)
            {
                Add(ContainerCodes.TreePosition, Severity.Error, frame.Framing.Header.DataOffset, frame,
                    $"TreePosition {position} points at a frame whose Index is {atIndex}, not {expectedFrame}");
            }
        }

        private DigestCheck CheckPayloadDigest(CheckedFrame frame, in FrameDigestWork digests)
        {
            var stored = frame.PayloadDigest;
            var needsDigest = report.ContainerType is { } t && t.HasPayloadDigest();
            if (stored is null)
            {
                if (needsDigest && frame.Ordinal > 0)
                {
                    Add(ContainerCodes.PayloadDigestMissing, Severity.Warning, frame.Offset, frame,
                        $"a {report.ContainerType} frame should carry a PayloadDigest (the reference omits it in spool frames)");
                }
                // The chain and tree digests still fold the payload digest: the batch computed it when they are present.
                return DigestCheck.Absent;
            }
            if (stored.Length != DareDigests.Size)
            {
                Add(ContainerCodes.DigestLength, Severity.Error, DigestOffset(frame), frame,
                    $"PayloadDigest is {stored.Length} bytes; SHA-2-512 digests are {DareDigests.Size}");
                return DigestCheck.Mismatch;
            }
            if (digests.PayloadMatches) return DigestCheck.Verified;
            Add(ContainerCodes.PayloadDigest, Severity.Error, DigestOffset(frame), frame,
                $"PayloadDigest does not match SHA-512 of the payload record ({frame.Framing.Payload?.DataLength ?? 0} bytes at offset {frame.Framing.Payload?.DataOffset})");
            return DigestCheck.Mismatch;
        }

        private (DigestCheck, string?) CheckChainDigest(CheckedFrame frame, ReadOnlySpan<byte> payloadDigest, in FrameDigestWork digests)
        {
            var stored = frame.ChainDigest;
            if (stored is null)
            {
                if (report.ContainerType == ContainerType.Chain && frame.Ordinal > 0)
                    Add(ContainerCodes.ChainDigestMissing, Severity.Warning, frame.Offset, frame, "a Chain frame should carry a ChainDigest");
                return (DigestCheck.Absent, null);
            }
            var reference = digests.ChainReferenceMatches;
            // The draft formula needs the previous frame's digest, so it is computed here, in file order.
            var previous = frame.Ordinal == 0 || !hasPreviousPayloadDigest ? ReadOnlySpan<byte>.Empty : previousPayloadDigest;
            var draft = stored.AsSpan().SequenceEqual(DareDigests.DraftChain(previous, payloadDigest));
            if (reference && draft) { chainBoth++; return (DigestCheck.Verified, "both"); }
            if (reference) { chainReference++; return (DigestCheck.Verified, "reference"); }
            if (draft) { chainDraft++; return (DigestCheck.Verified, "draft"); }
            chainNeither++;
            Add(ContainerCodes.ChainDigest, Severity.Error, DigestOffset(frame), frame,
                "ChainDigest matches neither the draft's H(PayloadDigest[n-1] || PayloadDigest[n]) nor the reference's H(0^64 || PayloadDigest)");
            return (DigestCheck.Mismatch, null);
        }

        private (DigestCheck, string?) CheckTreeDigest(CheckedFrame frame, in FrameDigestWork digests)
        {
            var stored = frame.TreeDigest;
            if (stored is null)
            {
                if (report.ContainerType == ContainerType.Merkle && frame.Ordinal > 0 && frame.PayloadDigest is not null)
                    Add(ContainerCodes.TreeDigestMissing, Severity.Warning, frame.Offset, frame, "a Merkle frame with a PayloadDigest should carry a TreeDigest");
                return (DigestCheck.Absent, null);
            }
            // The position in the file, not the claimed Index: a wrong Index is reported once, not again as a digest error.
            var sequence = digests.TreeSequenceMatches;
            var catalog = digests.TreeCatalogMatches;
            if (frame.Ordinal == 0 && sequence) { treeBoth++; return (DigestCheck.Verified, "both"); }
            if (sequence) { treeSequence++; return (DigestCheck.Verified, "sequence"); }
            if (catalog) { treeCatalog++; return (DigestCheck.Verified, "catalog"); }
            treeNeither++;
            Add(ContainerCodes.TreeDigest, Severity.Error, DigestOffset(frame), frame,
                "TreeDigest matches no known computation (the reference's k-fold H(0^64 || ·) of the PayloadDigest, either convention)");
            return (DigestCheck.Mismatch, null);
        }

        private void CheckEncryption(CheckedFrame frame, RecordFacts header)
        {
            if (!header.IsEncrypted) return;
            var at = frame.Framing.Header.DataOffset;
            if (header.Salt is null)
            {
                Add(ContainerCodes.SaltMissing, Severity.Error, at, frame, $"the frame is encrypted ({header.EncryptionAlgorithm}) but carries no Salt");
            }
            else
            {
                if (header.Salt.Length < 16)
                    Add(ContainerCodes.SaltLength, Severity.Error, at, frame, $"Salt is {header.Salt.Length} bytes; it MUST be at least 128 bits (dare §1.3.3)");
                if (header.Salt.Length > 1024)
                    Add(ContainerCodes.SaltTooLong, Severity.Warning, at, frame, $"Salt is {header.Salt.Length} bytes; it SHOULD NOT exceed 1024 (dare §3.4.3)");
                if (!seenSalts.Add(Convert.ToBase64String(header.Salt)))
                    Add(ContainerCodes.SaltUnique, Severity.Error, at, frame, "this Salt was already used by an earlier frame; salts MUST be unique (dare §1.3.3)");
            }
            if (header.Malt is not null && header.Salt is not null)
                Add(ContainerCodes.SaltAndMalt, Severity.Warning, at, frame, "Malt SHOULD NOT appear together with Salt (dare §5.2.2)");
            foreach (var keyIdentifier in header.RecipientKeyIdentifiers)
            {
                if (!RecipientKeyIdentifier.IsValid(keyIdentifier))
                {
                    Add(ContainerCodes.RecipientKid, Severity.Error, at, frame,
                        $"recipient kid '{keyIdentifier}' is neither a UDF key fingerprint nor udf@domain (dare §3.4.2)");
                }
            }
        }

        private FrameReport BuildReport(CheckedFrame frame, DigestCheck payload, DigestCheck chain, string? chainDialect, DigestCheck tree, string? treeConvention)
        {
            var header = frame.Parsed?.Header;
            bool? decrypted = null;
            byte[]? plaintext = null;
            if (options.MasterKey is { } key && header is { IsEncrypted: true, Salt: { } salt } && frame.Framing.Payload is { } payloadRecord
                && payloadRecord.DataLength <= 64 * 1024 * 1024)
            {
                var ciphertext = source.ReadRange(payloadRecord.DataOffset, (int)payloadRecord.DataLength);
                decrypted = FrameCipher.TryDecrypt(key, salt, ciphertext, out var clear);
                if (decrypted == true && options.KeepPlaintext) plaintext = clear;
                if (decrypted == false)
                    Add(ContainerCodes.Decrypt, Severity.Warning, payloadRecord.DataOffset, frame, "the payload does not decrypt with the supplied key");
            }
            return new FrameReport
            {
                Ordinal = frame.Ordinal,
                Offset = frame.Offset,
                Length = frame.Framing.TotalLength,
                Index = frame.Index,
                TreePosition = header?.Info?.TreePosition,
                IsMeta = header?.Info?.IsMeta == true,
                RecordCount = frame.Framing.RecordCount,
                PayloadLength = frame.Framing.Payload?.DataLength ?? 0,
                Trailer = frame.TrailerShape,
                DigestLocation = frame.DigestLocation,
                PayloadDigest = payload,
                ChainDigest = chain,
                ChainDialect = chainDialect,
                TreeDigest = tree,
                TreeConvention = treeConvention,
                Encrypted = header?.IsEncrypted == true,
                EncryptionAlgorithm = header?.EncryptionAlgorithm,
                KeyIdentifier = header?.KeyIdentifier,
                Salt = header?.Salt,
                RecipientKeyIdentifiers = header?.Recipients.Select(r => r.KeyIdentifier).ToList() ?? [],
                Decrypted = decrypted,
                Plaintext = plaintext,
                ContentMeta = header?.ContentMeta,
                InfoMemberName = header?.InfoMemberName,
            };
        }

        public void Finish()
        {
            if (wrappedFrames > 0)
            {
                Findings.Add(new Finding(Model.HeaderCodes.Base64Wrapped, Severity.Info, firstWrappedOffset,
                    $"{wrappedFrames} frame(s) carry base64url values line-wrapped inside JSON strings (the reference writer's style; not RFC 8259 JSON)"));
            }
            if (dare08Frames > 0 && dare12Frames > 0)
            {
                Findings.Add(new Finding(ContainerCodes.MixedVocabulary, Severity.Warning, 0,
                    $"{dare08Frames} frame(s) use ContainerInfo (dare-08) and {dare12Frames} use SequenceInfo (dare-11+); a file should use one"));
            }
            var chainTotal = chainReference + chainDraft + chainBoth + chainNeither;
            var treeTotal = treeSequence + treeCatalog + treeBoth + treeNeither;
            report.TreeConvention = (treeSequence, treeCatalog) switch
            {
                ( > 0, > 0) => "mixed",
                ( > 0, 0) => "sequence",
                (0, > 0) => "catalog",
                _ => null,
            };
            var referenceOnly = chainReference + treeSequence + treeCatalog;
            report.DigestDialect = (chainTotal + treeTotal) switch
            {
                0 => DigestDialect.None,
                _ when chainNeither + treeNeither > 0 => DigestDialect.Mismatch,
                _ when chainDraft > 0 && referenceOnly > 0 => DigestDialect.Mixed,
                _ when chainDraft > 0 => DigestDialect.Draft,
                _ when referenceOnly > 0 => DigestDialect.Reference,
                _ => DigestDialect.Both,
            };
            if (report.DigestDialect is DigestDialect.Reference or DigestDialect.Mixed)
            {
                Findings.Add(new Finding(ContainerCodes.DigestDialect, Severity.Info, 0,
                    $"chain/tree digests follow the reference implementation's computation ({referenceOnly} frame(s)), not the draft's formula" +
                    (report.TreeConvention is { } c ? $"; TreeDigest fold convention: {c}" : "")));
            }
        }

        private static long DigestOffset(CheckedFrame frame) =>
            frame.DigestLocation == "header" ? frame.Framing.Header.DataOffset : frame.Framing.Trailer?.DataOffset ?? frame.Offset;

        private void Add(string code, Severity severity, long offset, CheckedFrame frame, string message) =>
            Findings.Add(new Finding(code, severity, offset, message, frame.Ordinal));
    }
}
