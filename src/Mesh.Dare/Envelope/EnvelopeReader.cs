using MeshConformance.Core;
using MeshConformance.Dare.Digests;
using MeshConformance.Dare.Model;
using MeshConformance.JsonB;

namespace MeshConformance.Dare.Envelope;

/// <summary>
/// Reads a DARE envelope in the array form <c>[header, "body", trailer?]</c> or the tagged form
/// <c>{"DareEnvelope": [...]}</c>, from JSON text, JSON-B, or a mix (via <see cref="JsonBParser"/>).
/// Structural problems are DARE-ENVELOPE-* errors with absolute byte offsets; header/trailer field problems come
/// from <see cref="DareHeaderParser"/> (DARE-HEADER-*, DARE-BASE64). Nothing but <see cref="MeshFormatException"/>
/// ever leaves <see cref="Read"/>, and <see cref="TryRead"/> throws nothing.
/// </summary>
public static class EnvelopeReader
{
    public const string TagName = "DareEnvelope";

    /// <summary>
    /// Reads an envelope or throws <see cref="MeshFormatException"/> with the first DARE-ENVELOPE-* error. Other
    /// (non-structural) findings are in <see cref="DareEnvelope.Findings"/>.
    /// </summary>
    public static DareEnvelope Read(ReadOnlyMemory<byte> data, long baseOffset = 0, JsonBReaderOptions? options = null)
    {
        var findings = new List<Finding>();
        var envelope = TryRead(data, findings, baseOffset, options);
        var fatal = findings.FirstOrDefault(f => f.Severity == Severity.Error && f.Code.StartsWith("DARE-ENVELOPE-", StringComparison.Ordinal)
                                                 && f.Code != EnvelopeCodes.PayloadDigest && f.Code != EnvelopeCodes.Annotation);
        if (fatal is not null) throw new MeshFormatException(fatal.Code, fatal.Offset, fatal.Message);
        return envelope!;
    }

    /// <summary>
    /// Reads an envelope, adding every problem to <paramref name="findings"/>. Returns null when no header and body
    /// could be obtained. With more than three elements the first three are still read (and TOO-MANY reported).
    /// </summary>
    public static DareEnvelope? TryRead(ReadOnlyMemory<byte> data, List<Finding> findings, long baseOffset = 0, JsonBReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var local = new List<Finding>();
        var envelope = ReadCore(data, local, baseOffset, options);
        findings.AddRange(local);
        return envelope;
    }

    private static DareEnvelope? ReadCore(ReadOnlyMemory<byte> data, List<Finding> findings, long baseOffset, JsonBReaderOptions? options)
    {
        JsonBValue root;
        IReadOnlyList<JsonBDiagnostic> warnings;
        try
        {
            root = JsonBParser.Parse(data, out warnings, baseOffset, options);
        }
        catch (MeshFormatException e)
        {
            findings.Add(Error(EnvelopeCodes.Syntax, e.Offset, $"the envelope does not parse ({e.Code}: {e.Message})"));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            findings.Add(Error(EnvelopeCodes.Syntax, baseOffset, $"the envelope does not parse: {e.Message}"));
            return null;
        }
        foreach (var w in warnings) findings.Add(new Finding(w.Code, Severity.Warning, w.Offset, w.Message));

        var binary = IsBinaryToken(data, baseOffset, root.Offset);
        JsonBArray array;
        EnvelopeForm form;
        switch (root)
        {
            case JsonBArray a:
                array = a;
                form = EnvelopeForm.Array;
                break;
            case JsonBObject obj:
                if (obj.Members.Count != 1 || obj.Members[0].Name != TagName)
                {
                    // Point at the first member that should not be there (the second one when both are "DareEnvelope").
                    var at = obj.Members.Count == 0 ? obj.Offset
                        : obj.Members[0].Name != TagName ? obj.Members[0].NameOffset : obj.Members[1].NameOffset;
                    findings.Add(Error(EnvelopeCodes.Tag, at,
                        $"a tagged envelope is an object with the single member \"{TagName}\"; found {(obj.Members.Count == 0 ? "no members" : string.Join(", ", obj.Members.Select(m => '"' + m.Name + '"')))}"));
                    return null;
                }
                if (obj.Members[0].Value is not JsonBArray inner)
                {
                    findings.Add(Error(EnvelopeCodes.NotArray, obj.Members[0].Value.Offset, $"the value of \"{TagName}\" is not an array"));
                    return null;
                }
                array = inner;
                form = EnvelopeForm.Tagged;
                break;
            default:
                findings.Add(Error(EnvelopeCodes.NotArray, root.Offset,
                    "an envelope is an array [header, body, trailer?] or {\"DareEnvelope\": [...]}; found " + root.Describe()));
                return null;
        }

        var items = array.Items;
        if (items.Count < 2)
        {
            findings.Add(Error(EnvelopeCodes.TooFew, array.Offset, $"an envelope holds a header and a body (and optionally a trailer); found {items.Count} element(s)"));
            return null;
        }
        if (items.Count > 3)
        {
            findings.Add(Error(EnvelopeCodes.TooMany, items[3].Offset, $"an envelope holds at most 3 elements (header, body, trailer); found {items.Count}"));
        }

        if (items[0] is not JsonBObject headerObject)
        {
            findings.Add(Error(EnvelopeCodes.HeaderNotObject, items[0].Offset, "the envelope header is " + items[0].Describe() + ", not an object"));
            return null;
        }

        byte[] body;
        switch (items[1])
        {
            case JsonBBinary bin:
                body = bin.Value;
                binary = true;
                break;
            case JsonBString s:
                if (!Base64Url.TryDecodeWrapped(s.Value, out body, out var wrapped))
                {
                    findings.Add(Error(EnvelopeCodes.BodyBase64, s.Offset, "the envelope body is not base64url (RFC 4648 §5, no padding)"));
                    return null;
                }
                if (wrapped)
                {
                    findings.Add(new Finding(EnvelopeCodes.BodyWrapped, Severity.Warning, s.Offset,
                        "the body base64 contains line breaks/spaces (the reference writer's wrapping; not RFC 8259 JSON)"));
                }
                break;
            default:
                findings.Add(Error(EnvelopeCodes.BodyType, items[1].Offset, "the envelope body is " + items[1].Describe() + ", not a base64url string or JSON-B data"));
                return null;
        }

        // The header parser numbers findings by frame; an envelope has none, so the number is dropped.
        var headerFindings = new List<Finding>();
        var header = DareHeaderParser.ParseHeader(headerObject, 0, headerFindings);
        findings.AddRange(headerFindings.Select(f => f with { FrameIndex = null }));

        DareTrailer? trailer = null;
        if (items.Count >= 3)
        {
            switch (items[2])
            {
                case JsonBObject t:
                    var trailerFindings = new List<Finding>();
                    trailer = DareHeaderParser.ParseTrailer(t, 0, trailerFindings);
                    findings.AddRange(trailerFindings.Select(f => f with { FrameIndex = null }));
                    break;
                case JsonBNull:
                    break;
                default:
                    findings.Add(Error(EnvelopeCodes.TrailerNotObject, items[2].Offset, "the envelope trailer is " + items[2].Describe() + ", not an object"));
                    break;
            }
        }

        CheckPayloadDigest(header, trailer, body, items, findings);
        var annotations = DecodeAnnotations(headerObject, findings);

        return new DareEnvelope
        {
            Header = header,
            Body = body,
            Trailer = trailer,
            Form = form,
            Encoding = binary ? EnvelopeEncoding.JsonB : EnvelopeEncoding.Json,
            Annotations = annotations,
            Findings = findings.ToList(),
        };
    }

    private static void CheckPayloadDigest(DareHeader header, DareTrailer? trailer, byte[] body, IReadOnlyList<JsonBValue> items, List<Finding> findings)
    {
        var inTrailer = trailer?.PayloadDigest is not null;
        var digest = trailer?.PayloadDigest ?? header.PayloadDigest;
        if (digest is null) return;
        var member = inTrailer ? ((JsonBObject)items[2])["PayloadDigest"]! : header.Raw["PayloadDigest"]!;
        var dig = header.DigestAlgorithm;
        if (dig is not (null or "SHA2" or "S512" or "SHA-2-512" or "SHA512"))
        {
            findings.Add(new Finding(EnvelopeCodes.DigestUnchecked, Severity.Info, member.Offset, $"PayloadDigest under dig \"{dig}\" is not checked (only SHA-2-512)"));
            return;
        }
        if (!digest.AsSpan().SequenceEqual(DareDigests.Hash(body)))
        {
            findings.Add(Error(EnvelopeCodes.PayloadDigest, member.Offset, "PayloadDigest is not SHA-512 of the body as stored"));
        }
    }

    /// <summary>Decodes each <c>Annotations</c>/<c>annotations</c> entry as an EDS; failures are findings at the entry.</summary>
    private static List<EncodedDataSequence> DecodeAnnotations(JsonBObject header, List<Finding> findings)
    {
        var list = new List<EncodedDataSequence>();
        if ((header["annotations"] ?? header["Annotations"]) is not JsonBArray array) return list;
        foreach (var item in array.Items)
        {
            if (!item.TryGetBytes(out var bytes, out _)) continue; // already reported by the header parser
            if (EncodedDataSequence.TryDecode(bytes, out var eds, out var error)) list.Add(eds!);
            else
            {
                findings.Add(Error(EnvelopeCodes.Annotation, item.Offset,
                    $"annotation is not an EDS ({error!.Code} at byte {error.Offset} of the decoded value: {error.Message})"));
            }
        }
        return list;
    }

    private static bool IsBinaryToken(ReadOnlyMemory<byte> data, long baseOffset, long offset)
    {
        var local = offset - baseOffset;
        return local >= 0 && local < data.Length && data.Span[(int)local] >= 0x80;
    }

    private static Finding Error(string code, long offset, string message) => new(code, Severity.Error, offset, message);

}
