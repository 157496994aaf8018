using System.Security.Cryptography;
using System.Text;

namespace MeshConformance.Tests.Robustness.Oracle;

/// <summary>Where one frame of a container lies, as the oracle's own framing walk found it.</summary>
/// <param name="Width">Bytes of each of its two length fields (1, 2, 4 or 8, from the tag).</param>
public sealed record OracleFrame(long Offset, int Width, long BodyLength, IReadOnlyList<(long DataOffset, long DataLength)> Records)
{
    public long TotalLength => 2 * (1 + Width) + BodyLength;
    public long End => Offset + TotalLength;
    public long LeadingLengthOffset => Offset + 1;
    public long TrailingLengthOffset => Offset + 1 + Width + BodyLength;
}

/// <summary>
/// The mutation campaign's oracle: an independent reading of a DARE container (formats.md §1.1, §1.6), written for the
/// test and sharing no code with the checker. It decides whether a mutant that the checker passed was really harmless,
/// by reducing the container to what the format protects — the frames (where each lies, its records), every digest
/// value, every payload that a digest covers, and the SequenceInfo/ContainerInfo members whose values a rule constrains
/// (Index, TreePosition, ContainerType, IsMeta, ExchangePosition; of DataEncoding only its presence, B-11: dare-08
/// defines no values for it) — and comparing that with the original's. Bytes outside it (whitespace between JSON
/// tokens, header members no digest or framing rule covers such as Received or ContentMetaData, a payload in a frame
/// that carries no digest) can change without any rule being broken. Frame 0 needs no digests (the drafts' examples
/// give it an empty trailer; bindings.md B-5 asks them of data frames only), so a frame-0 digest may go missing, but
/// never change.
/// </summary>
public sealed class OracleContainer
{
    private static readonly string[] DigestMembers = ["PayloadDigest", "ChainDigest", "TreeDigest"];
    private static readonly string[] InfoMembers = ["Index", "TreePosition", "ContainerType", "IsMeta", "ExchangePosition"];

    /// <summary>What the format protects in one frame.</summary>
    /// <param name="Core">Where the frame lies, its record count, its sequence members.</param>
    /// <param name="Digests">Each digest member ("H.TreeDigest", "T.PayloadDigest", …) and its decoded value.</param>
    /// <param name="PayloadHash">SHA-256 of the payload record (compared only when a digest of the original covers it).</param>
    /// <param name="Header">Every header member, canonical (for describing a harmless change, not for judging it).</param>
    /// <param name="Trailer">Every trailer member, canonical.</param>
    private sealed record FrameFacts(string Core, IReadOnlyDictionary<string, string> Digests, string PayloadHash,
        IReadOnlyDictionary<string, string> Header, IReadOnlyDictionary<string, string> Trailer)
    {
        public bool PayloadProtected => Digests.Count > 0;

        public override string ToString() =>
            Core + string.Concat(Digests.Select(d => $" {d.Key}={d.Value}")) + (PayloadProtected ? $" payload={PayloadHash}" : "");
    }

    private readonly IReadOnlyList<FrameFacts> facts;

    private OracleContainer(IReadOnlyList<OracleFrame> frames, string? failure, IReadOnlyList<FrameFacts> facts)
    {
        Frames = frames;
        Failure = failure;
        this.facts = facts;
        ProtectedFacts = facts.Select(f => f.ToString()).ToList();
    }

    /// <summary>The frames the walk delimited from the start, in order (all of them when <see cref="Failure"/> is null).</summary>
    public IReadOnlyList<OracleFrame> Frames { get; }

    /// <summary>Why the bytes are not a well-formed container (framing, records, header JSON); null when they are.</summary>
    public string? Failure { get; }

    /// <summary>One line per frame: everything the format protects, canonical (digests decoded, payloads hashed).</summary>
    public IReadOnlyList<string> ProtectedFacts { get; }

    public static OracleContainer Read(ReadOnlySpan<byte> bytes)
    {
        var frames = new List<OracleFrame>();
        var facts = new List<FrameFacts>();
        long at = 0;
        if (bytes.Length == 0) return new OracleContainer(frames, "empty file: a container has at least frame 0", facts);
        while (at < bytes.Length)
        {
            var (frame, problem) = Delimit(bytes, at);
            if (frame is null) return new OracleContainer(frames, $"at {at}: {problem}", facts);
            frames.Add(frame);
            var (fact, headerProblem) = Facts(bytes, frame);
            if (fact is null) return new OracleContainer(frames, $"frame at {at}: {headerProblem}", facts);
            facts.Add(fact);
            at = frame.End;
        }
        return new OracleContainer(frames, null, facts);
    }

    /// <summary>
    /// True when both are well formed and <paramref name="mutant"/> keeps everything this (original) container protects:
    /// the same frames and sequence members, every payload a digest covers, every digest value (a frame-0 digest may be
    /// absent, as the drafts' own frame 0 is), and no digest this one lacks.
    /// </summary>
    public bool ProtectedContentKeptBy(OracleContainer mutant)
    {
        if (Failure is not null || mutant.Failure is not null || facts.Count != mutant.facts.Count) return false;
        for (var i = 0; i < facts.Count; i++)
        {
            var (mine, theirs) = (facts[i], mutant.facts[i]);
            if (mine.Core != theirs.Core) return false;
            if (mine.PayloadProtected && mine.PayloadHash != theirs.PayloadHash) return false;
            foreach (var (name, value) in mine.Digests)
            {
                if (theirs.Digests.TryGetValue(name, out var other) ? other != value : i > 0) return false;
            }
            if (theirs.Digests.Keys.Any(name => !mine.Digests.ContainsKey(name))) return false;
        }
        return true;
    }

    private static (OracleFrame? Frame, string? Problem) Delimit(ReadOnlySpan<byte> bytes, long offset)
    {
        var tag = bytes[(int)offset];
        if (tag is < 0xF4 or > 0xF7) return (null, $"0x{tag:X2} is not a frame tag");
        var width = 1 << (tag - 0xF4);
        var remaining = bytes.Length - offset;
        if (remaining < 2 * (1 + width)) return (null, "too short for the frame's tags and lengths");
        var body = BigEndian(bytes.Slice((int)offset + 1, width));
        if (body > (ulong)(remaining - 2 * (1 + width))) return (null, $"body length {body} runs past the end");
        var bodyOffset = offset + 1 + width;
        var end = bodyOffset + (long)body;
        if (LittleEndian(bytes.Slice((int)end, width)) != body) return (null, "the trailing length differs from the leading one");
        if (bytes[(int)(end + width)] != tag) return (null, "the trailing tag differs from the leading one");
        var records = new List<(long, long)>();
        var at = bodyOffset;
        while (at < end)
        {
            if (records.Count == 3) return (null, "more than three records");
            var recordTag = bytes[(int)at];
            if (recordTag is < 0xF0 or > 0xF3) return (null, $"0x{recordTag:X2} is not a record tag");
            var recordWidth = 1 << (recordTag - 0xF0);
            if (at + 1 + recordWidth > end) return (null, "a record length runs past the frame");
            var length = BigEndian(bytes.Slice((int)at + 1, recordWidth));
            var data = at + 1 + recordWidth;
            if (length > (ulong)(end - data)) return (null, "a record runs past the frame");
            records.Add((data, (long)length));
            at = data + (long)length;
        }
        if (records.Count == 0) return (null, "a frame without records");
        return (new OracleFrame(offset, width, (long)body, records), null);
    }

    private static (FrameFacts? Fact, string? Problem) Facts(ReadOnlySpan<byte> bytes, OracleFrame frame)
    {
        var header = OracleJson.Parse(Slice(bytes, frame.Records[0])) as OracleObject;
        if (header is null) return (null, "the header is not a JSON object");
        OracleObject? trailer = null;
        if (frame.Records.Count == 3 && frame.Records[2].DataLength > 0)
        {
            trailer = OracleJson.Parse(Slice(bytes, frame.Records[2])) as OracleObject;
            if (trailer is null) return (null, "the trailer is not a JSON object");
        }
        var core = new StringBuilder();
        core.Append($"@{frame.Offset}+{frame.TotalLength} records={frame.Records.Count}");
        foreach (var infoName in new[] { "SequenceInfo", "ContainerInfo" })
        {
            if (header.Get(infoName) is not { } info) continue;
            core.Append($" {infoName}=");
            if (info is OracleObject members)
            {
                foreach (var name in InfoMembers)
                    if (members.Get(name) is { } value) core.Append($"{name}:{Canonical(value)};");
                if (members.Get("DataEncoding") is not null) core.Append("DataEncoding;");
            }
            else
            {
                core.Append(Canonical(info));
            }
        }
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (where, record) in new[] { ("H", header), ("T", trailer) })
        {
            if (record is null) continue;
            foreach (var name in DigestMembers)
            {
                if (record.Get(name) is not { } value) continue;
                digests[$"{where}.{name}"] = value is OracleString s && DecodeBase64Url(s.Value) is { } digest ? Convert.ToHexString(digest) : "raw:" + Canonical(value);
            }
        }
        // A payload is protected exactly when a digest of the frame folds it (formats.md §1.6).
        var payload = frame.Records.Count > 1 ? Convert.ToHexString(SHA256.HashData(Slice(bytes, frame.Records[1]))) : "none";
        return (new FrameFacts(core.ToString(), digests, payload, Members(header), Members(trailer)), null);
    }

    private static Dictionary<string, string> Members(OracleObject? record) =>
        record?.Members.ToDictionary(m => m.Key, m => Canonical(m.Value), StringComparer.Ordinal) ?? [];

    /// <summary>
    /// For a mutant whose protected content this container keeps: what did change, in words ("whitespace only",
    /// "header member Received", "frame-0 digest member dropped", "payload of a frame without digests", …).
    /// </summary>
    public string DescribeHarmlessChange(OracleContainer mutant)
    {
        var changes = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < facts.Count && i < mutant.facts.Count; i++)
        {
            var (mine, theirs) = (facts[i], mutant.facts[i]);
            if (!mine.PayloadProtected && mine.PayloadHash != theirs.PayloadHash) changes.Add("payload of a frame without digests");
            foreach (var (record, a, b) in new[] { ("header", mine.Header, theirs.Header), ("trailer", mine.Trailer, theirs.Trailer) })
            {
                // A name only the mutant has is the changed spelling of one it lacks: the latter says what was lost.
                foreach (var name in a.Keys)
                {
                    if (a[name] == b.GetValueOrDefault(name)) continue;
                    changes.Add(!b.ContainsKey(name)
                        ? DigestMembers.Contains(name) ? $"frame-0 {name} dropped (its name changed)" : $"{record} member {name} dropped (its name changed)"
                        : name is "SequenceInfo" or "ContainerInfo" ? "DataEncoding value"
                        : $"{record} member {name} value");
                }
            }
        }
        return changes.Count == 0 ? "whitespace or an equal spelling only" : string.Join(", ", changes);
    }

    private static string Canonical(OracleValue value) => value switch
    {
        OracleString s => "s:" + s.Value,
        OracleLiteral l => l.Text,
        OracleObject o => "{" + string.Join(",", o.Members.Select(m => m.Key + ":" + Canonical(m.Value))) + "}",
        OracleArray a => "[" + string.Join(",", a.Items.Select(Canonical)) + "]",
        _ => "?",
    };

    /// <summary>
    /// base64url (RFC 4648 §5) after dropping the whitespace the reference wraps values with. Deliberately lenient about
    /// the unused low bits of the last character: two spellings of the same bytes are the same digest. Null when any
    /// other character (padding included) appears or the length is impossible.
    /// </summary>
    public static byte[]? DecodeBase64Url(string text)
    {
        var output = new List<byte>(text.Length * 3 / 4);
        int buffer = 0, bits = 0, count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '\n' or '\r' or '\t') continue;
            var v = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '-' => 62,
                '_' => 63,
                _ => -1,
            };
            if (v < 0) return null;
            count++;
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return count % 4 == 1 ? null : output.ToArray();
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> bytes, (long DataOffset, long DataLength) record) =>
        bytes.Slice((int)record.DataOffset, (int)record.DataLength);

    private static ulong BigEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes) value = (value << 8) | b;
        return value;
    }

    private static ulong LittleEndian(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        for (var i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
        return value;
    }
}
