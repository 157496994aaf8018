using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Dare.Model;

/// <summary>
/// Turns header and trailer records into <see cref="DareHeader"/>/<see cref="DareTrailer"/>. Bad member types
/// become findings and the member is treated as absent, so one bad field never hides the rest of the file.
/// </summary>
public static class DareHeaderParser
{
    private static readonly HashSet<string> KnownContentMetaMembers = new(StringComparer.Ordinal)
    {
        "UniqueId", "UniqueID", "Event", "cty", "First", "Previous", "MessageType", "Filename", "Created", "Modified",
        "Expire", "Labels", "Paths", "KeyValues", "FileEntry",
    };

    public static DareHeader? ParseHeader(ReadOnlyMemory<byte> record, long offset, long frame, List<Finding> findings)
    {
        var root = ParseObject(record, offset, frame, findings, "header");
        return root is null ? null : ParseHeader(root, frame, findings);
    }

    /// <summary>Reads a header from an already parsed object (e.g. the first element of an envelope).</summary>
    public static DareHeader ParseHeader(JsonBObject root, long frame, List<Finding> findings)
    {
        var ctx = new FieldReader(root, frame, findings);
        var infoName = root["SequenceInfo"] is not null ? "SequenceInfo" : root["ContainerInfo"] is not null ? "ContainerInfo" : null;
        if (root["SequenceInfo"] is not null && root["ContainerInfo"] is not null)
        {
            findings.Add(new Finding(HeaderCodes.DuplicateMember, Severity.Error, root.Offset,
                "the header carries both ContainerInfo and SequenceInfo; only one may appear", frame));
        }
        var contentMetaData = ctx.Binary("ContentMetaData");
        return new DareHeader
        {
            Raw = root,
            PayloadDigest = ctx.Binary("PayloadDigest"),
            ChainDigest = ctx.Binary("ChainDigest"),
            TreeDigest = ctx.Binary("TreeDigest"),
            HasSignatures = root["signatures"] is not null,
            InfoMemberName = infoName,
            Info = infoName is null ? null : ParseInfo(ctx.Object(infoName), frame, findings),
            EnvelopeId = ctx.String("EnvelopeId") ?? ctx.String("EnvelopeID"),
            EncryptionAlgorithm = ctx.String("enc"),
            DigestAlgorithm = ctx.String("dig"),
            KeyIdentifier = ctx.String("kid"),
            Salt = ctx.Binary("Salt"),
            Malt = ctx.Binary("Malt"),
            Recipients = ParseRecipients(ctx.Array("recipients"), frame, findings),
            Policy = ctx.Object("policy"),
            ContentMetaData = contentMetaData,
            ContentMeta = ParseContentMeta(contentMetaData, root["ContentMetaData"], frame, findings),
            Received = ctx.String("Received"),
            Annotations = ctx.BinaryArray("annotations") ?? ctx.BinaryArray("Annotations") ?? [],
            HasWrappedBase64 = ctx.SawWrappedBase64,
        };
    }

    public static DareTrailer? ParseTrailer(ReadOnlyMemory<byte> record, long offset, long frame, List<Finding> findings)
    {
        var root = ParseObject(record, offset, frame, findings, "trailer");
        return root is null ? null : ParseTrailer(root, frame, findings);
    }

    /// <summary>Reads a trailer from an already parsed object.</summary>
    public static DareTrailer ParseTrailer(JsonBObject root, long frame, List<Finding> findings)
    {
        var ctx = new FieldReader(root, frame, findings);
        return new DareTrailer
        {
            Raw = root,
            PayloadDigest = ctx.Binary("PayloadDigest"),
            ChainDigest = ctx.Binary("ChainDigest"),
            TreeDigest = ctx.Binary("TreeDigest"),
            HasSignatures = root["signatures"] is not null,
            HasWrappedBase64 = ctx.SawWrappedBase64,
        };
    }

    private static JsonBObject? ParseObject(ReadOnlyMemory<byte> record, long offset, long frame, List<Finding> findings, string what)
    {
        JsonBValue value;
        try
        {
            value = JsonBParser.Parse(record, out var warnings, offset);
            // bindings.md J-10: form feed and backspace are skipped as the reference skips them, but with a warning. (Raw
            // line breaks in strings, the reference's base64 wrapping, are reported once per file: DARE-BASE64-WRAPPED.)
            foreach (var warning in warnings)
            {
                if (warning.Code == JsonBErrorCodes.NonJsonWhitespace)
                    findings.Add(new Finding(warning.Code, Severity.Warning, warning.Offset, $"the {what} record: {warning.Message}, which JSON does not allow (RFC 8259 §2)", frame));
            }
        }
        catch (MeshFormatException e)
        {
            findings.Add(new Finding(e.Code, Severity.Error, e.Offset, $"the {what} record does not parse: {e.Message}", frame));
            return null;
        }
        if (value is JsonBObject obj) return obj;
        findings.Add(new Finding(HeaderCodes.NotAnObject, Severity.Error, offset, $"the {what} record is not a JSON object", frame));
        return null;
    }

    private static SequenceInfo? ParseInfo(JsonBObject? info, long frame, List<Finding> findings)
    {
        if (info is null) return null;
        var ctx = new FieldReader(info, frame, findings);
        return new SequenceInfo
        {
            DataEncoding = ctx.String("DataEncoding"),
            ContainerType = ctx.String("ContainerType"),
            Index = ctx.Integer("Index"),
            IsMeta = ctx.Boolean("IsMeta"),
            Default = ctx.Boolean("Default"),
            TreePosition = ctx.Integer("TreePosition"),
            IndexPosition = ctx.Integer("IndexPosition"),
            ExchangePosition = ctx.Integer("ExchangePosition"),
        };
    }

    private static IReadOnlyList<DareRecipient> ParseRecipients(JsonBArray? array, long frame, List<Finding> findings)
    {
        if (array is null) return [];
        var list = new List<DareRecipient>();
        foreach (var item in array.Items)
        {
            if (item is not JsonBObject obj)
            {
                findings.Add(new Finding(HeaderCodes.FieldType, Severity.Error, item.Offset, "a recipients entry is not an object", frame));
                continue;
            }
            var ctx = new FieldReader(obj, frame, findings);
            list.Add(new DareRecipient(ctx.String("kid"), ctx.String("kwd"), obj["epk"], ctx.Binary("wmk")));
        }
        return list;
    }

    /// <summary>ContentMetaData holds (Goedel-formatted) JSON of ContentMeta; anything else is a finding.</summary>
    private static ContentMeta? ParseContentMeta(byte[]? bytes, JsonBValue? member, long frame, List<Finding> findings)
    {
        if (bytes is null || member is null) return null;
        JsonBValue value;
        try
        {
            value = JsonBParser.Parse(bytes, 0);
        }
        catch (MeshFormatException e)
        {
            findings.Add(new Finding(HeaderCodes.ContentMeta, Severity.Error, member.Offset,
                $"ContentMetaData does not decode to JSON ({e.Code} at byte {e.Offset} of the decoded value: {e.Message})", frame));
            return null;
        }
        if (value is not JsonBObject obj)
        {
            findings.Add(new Finding(HeaderCodes.ContentMeta, Severity.Error, member.Offset, "ContentMetaData does not decode to a JSON object", frame));
            return null;
        }
        // Offsets inside the decoded value mean nothing in the file: report type errors at the member.
        var local = new List<Finding>();
        var ctx = new FieldReader(obj, frame, local);
        var meta = new ContentMeta
        {
            UniqueId = ctx.String("UniqueId") ?? ctx.String("UniqueID"),
            Event = ctx.String("Event"),
            ContentType = ctx.String("cty"),
            First = ctx.Integer("First"),
            Previous = ctx.Integer("Previous"),
            MessageType = ctx.String("MessageType"),
            Filename = ctx.String("Filename"),
            Created = ctx.String("Created"),
            Modified = ctx.String("Modified"),
            Expire = ctx.String("Expire"),
            Labels = ctx.StringArray("Labels"),
            Paths = ctx.StringArray("Paths"),
            UnknownMembers = obj.Members.Select(m => m.Name).Where(n => !KnownContentMetaMembers.Contains(n)).Distinct().ToList(),
        };
        foreach (var f in local)
            findings.Add(f with { Code = HeaderCodes.ContentMeta, Offset = member.Offset, Message = "in ContentMetaData: " + f.Message });
        return meta;
    }

    /// <summary>Typed access to an object's members that records a finding for a wrong type instead of throwing.</summary>
    private sealed class FieldReader(JsonBObject obj, long frame, List<Finding> findings)
    {
        public bool SawWrappedBase64 { get; private set; }

        public string? String(string name) => obj[name] switch
        {
            null or JsonBNull => null,
            JsonBString s => s.Value,
            var other => WrongType<string>(name, other, "a string"),
        };

        public long? Integer(string name) => obj[name] switch
        {
            null or JsonBNull => null,
            JsonBNumber n when n.TryGetInt64(out var v) => v,
            var other => WrongType<long?>(name, other, "an integer"),
        };

        public bool? Boolean(string name) => obj[name] switch
        {
            null or JsonBNull => null,
            JsonBBoolean b => b.Value,
            var other => WrongType<bool?>(name, other, "a boolean"),
        };

        public JsonBObject? Object(string name) => obj[name] switch
        {
            null or JsonBNull => null,
            JsonBObject o => o,
            var other => WrongType<JsonBObject>(name, other, "an object"),
        };

        public JsonBArray? Array(string name) => obj[name] switch
        {
            null or JsonBNull => null,
            JsonBArray a => a,
            var other => WrongType<JsonBArray>(name, other, "an array"),
        };

        public IReadOnlyList<string> StringArray(string name)
        {
            var array = Array(name);
            if (array is null) return [];
            var list = new List<string>();
            foreach (var item in array.Items)
            {
                if (item is JsonBString s) list.Add(s.Value);
                else WrongType<string>(name, item, "an array of strings");
            }
            return list;
        }

        public byte[]? Binary(string name)
        {
            var value = obj[name];
            return value is null or JsonBNull ? null : Decode(name, value);
        }

        public IReadOnlyList<byte[]>? BinaryArray(string name)
        {
            var array = Array(name);
            if (array is null) return null;
            var list = new List<byte[]>();
            foreach (var item in array.Items)
            {
                if (Decode(name, item) is { } bytes) list.Add(bytes);
            }
            return list;
        }

        private byte[]? Decode(string name, JsonBValue value)
        {
            if (value is JsonBBinary bin) return bin.Value;
            if (value is not JsonBString s) return WrongType<byte[]>(name, value, "binary (base64url string or JSON-B data)");
            if (!Base64Url.TryDecodeWrapped(s.Value, out var bytes, out var wrapped))
            {
                findings.Add(new Finding(HeaderCodes.Base64, Severity.Error, value.Offset,
                    $"'{name}' is not valid base64url (RFC 4648 §5, no padding)", frame));
                return null;
            }
            if (wrapped) SawWrappedBase64 = true;
            return bytes;
        }

        private T? WrongType<T>(string name, JsonBValue value, string expected)
        {
            findings.Add(new Finding(HeaderCodes.FieldType, Severity.Error, value.Offset,
                $"'{name}' should be {expected} but is {value.Describe()}", frame));
            return default;
        }
    }
}
