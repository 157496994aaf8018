using System.Buffers;
using System.Text;
using Base64UrlCodec = System.Buffers.Text.Base64Url;

namespace MeshConformance.Dare.Model;

/// <summary>
/// Reads header and trailer records of the common shape straight from their bytes, without a JSON tree
/// (checking mode reads 100,000s of them). It only accepts records on which <see cref="DareHeaderParser"/>
/// would report nothing: JSON text in the <see cref="GoedelJsonCursor"/> subset, no duplicate known member,
/// every known member of the type the parser expects, valid base64url, a ContentMetaData of the same subset,
/// recipients that are objects with string <c>kid</c>/<c>kwd</c>, base64url <c>wmk</c> and an <c>epk</c> of the subset.
/// Anything else (JSON-B, escapes, non-ASCII, signatures, policy, annotations, labels, unknown nested values, …)
/// returns null and the caller uses the full parser, so findings and facts never differ.
/// </summary>
internal static class FastHeaderReader
{
    /// <summary>Longer base64 values (none in real headers) go to the full parser rather than onto the stack.</summary>
    private const int MaxBase64Chars = 4096;

    [Flags]
    private enum HeaderMember
    {
        None = 0,
        PayloadDigest = 1 << 0,
        ChainDigest = 1 << 1,
        TreeDigest = 1 << 2,
        ContainerInfo = 1 << 3,
        SequenceInfo = 1 << 4,
        EnvelopeId = 1 << 5,
        EnvelopeIdUpper = 1 << 6,
        Enc = 1 << 7,
        Dig = 1 << 8,
        Kid = 1 << 9,
        Salt = 1 << 10,
        Malt = 1 << 11,
        ContentMetaData = 1 << 12,
        Received = 1 << 13,
        Recipients = 1 << 14,
    }

    [Flags]
    private enum RecipientMember
    {
        None = 0,
        Kid = 1 << 0,
        Kwd = 1 << 1,
        Epk = 1 << 2,
        Wmk = 1 << 3,
    }

    /// <summary>How deep a recipient's <c>epk</c> (a tagged public key object) may nest on the fast path.</summary>
    private const int MaxEphemeralKeyDepth = 8;

    [Flags]
    private enum InfoMember
    {
        None = 0,
        DataEncoding = 1 << 0,
        ContainerType = 1 << 1,
        Index = 1 << 2,
        IsMeta = 1 << 3,
        Default = 1 << 4,
        TreePosition = 1 << 5,
        IndexPosition = 1 << 6,
        ExchangePosition = 1 << 7,
    }

    [Flags]
    private enum ContentMetaMember
    {
        None = 0,
        UniqueId = 1 << 0,
        UniqueIdUpper = 1 << 1,
        Event = 1 << 2,
        ContentType = 1 << 3,
        First = 1 << 4,
        Previous = 1 << 5,
        MessageType = 1 << 6,
        Filename = 1 << 7,
        Created = 1 << 8,
        Modified = 1 << 9,
        Expire = 1 << 10,
        Labels = 1 << 11,
        Paths = 1 << 12,
    }

    public static RecordFacts? TryReadTrailer(ReadOnlySpan<byte> record) => TryReadTrailer(record, spare: null);

    /// <param name="record">The trailer record's bytes.</param>
    /// <param name="spare">Facts of an earlier frame that nothing uses any more: refilled (with its digest arrays) instead of allocating.</param>
    public static RecordFacts? TryReadTrailer(ReadOnlySpan<byte> record, RecordFacts? spare)
    {
        var reusable = spare is { Recyclable: true } ? spare : null;
        var cursor = new GoedelJsonCursor(record);
        if (!cursor.TryConsume((byte)'{')) return null;
        byte[]? payloadDigest = null, chainDigest = null, treeDigest = null;
        var wrapped = false;
        var seen = HeaderMember.None;
        if (!cursor.TryConsume((byte)'}'))
        {
            for (var more = true; more;)
            {
                if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return null;
                var ok = name switch
                {
                    _ when name.SequenceEqual("PayloadDigest"u8) => First(ref seen, HeaderMember.PayloadDigest) && TryReadBinary(ref cursor, out payloadDigest, ref wrapped, reusable?.PayloadDigest),
                    _ when name.SequenceEqual("TreeDigest"u8) => First(ref seen, HeaderMember.TreeDigest) && TryReadBinary(ref cursor, out treeDigest, ref wrapped, reusable?.TreeDigest),
                    _ when name.SequenceEqual("ChainDigest"u8) => First(ref seen, HeaderMember.ChainDigest) && TryReadBinary(ref cursor, out chainDigest, ref wrapped, reusable?.ChainDigest),
                    _ when name.SequenceEqual("signatures"u8) => false,
                    _ => cursor.TrySkipScalar(),
                };
                if (!ok || !cursor.TryEndMember(out more)) return null;
            }
        }
        if (!cursor.AtEnd()) return null;
        var facts = RecordFacts.Recycle(reusable);
        facts.PayloadDigest = payloadDigest;
        facts.ChainDigest = chainDigest;
        facts.TreeDigest = treeDigest;
        facts.HasWrappedBase64 = wrapped;
        return facts;
    }

    /// <param name="record">The header record's bytes.</param>
    /// <param name="readContentMeta">Also build the whole <see cref="ContentMeta"/> (catalog reading needs it; the verifier only needs <c>cty</c>).</param>
    public static RecordFacts? TryReadHeader(ReadOnlySpan<byte> record, bool readContentMeta = false) => TryReadHeader(record, readContentMeta, spare: null);

    /// <param name="spare">Facts of an earlier frame that nothing uses any more: refilled (with its digest arrays) instead of allocating.</param>
    public static RecordFacts? TryReadHeader(ReadOnlySpan<byte> record, bool readContentMeta, RecordFacts? spare)
    {
        var reusable = spare is { Recyclable: true } ? spare : null;
        var cursor = new GoedelJsonCursor(record);
        if (!cursor.TryConsume((byte)'{')) return null;
        byte[]? payloadDigest = null, chainDigest = null, treeDigest = null, salt = null, malt = null;
        string? encryption = null, contentType = null;
        SequenceInfo? info = null;
        ContentMeta? contentMeta = null;
        IReadOnlyList<string?> recipientKeyIdentifiers = [];
        var hasContentMeta = false;
        var wrapped = false;
        var seen = HeaderMember.None;
        if (!cursor.TryConsume((byte)'}'))
        {
            for (var more = true; more;)
            {
                if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return null;
                bool ok;
                switch (name.Length)
                {
                    case 3 when name.SequenceEqual("enc"u8):
                        ok = First(ref seen, HeaderMember.Enc) && TryReadString(ref cursor, out encryption);
                        break;
                    case 3 when name.SequenceEqual("dig"u8):
                        ok = First(ref seen, HeaderMember.Dig) && cursor.TryReadNullableString(out _, out _);
                        break;
                    case 3 when name.SequenceEqual("kid"u8):
                        ok = First(ref seen, HeaderMember.Kid) && cursor.TryReadNullableString(out _, out _);
                        break;
                    case 4 when name.SequenceEqual("Salt"u8):
                        ok = First(ref seen, HeaderMember.Salt) && TryReadBinary(ref cursor, out salt, ref wrapped);
                        break;
                    case 4 when name.SequenceEqual("Malt"u8):
                        ok = First(ref seen, HeaderMember.Malt) && TryReadBinary(ref cursor, out malt, ref wrapped);
                        break;
                    case 8 when name.SequenceEqual("Received"u8):
                        ok = First(ref seen, HeaderMember.Received) && cursor.TryReadNullableString(out _, out _);
                        break;
                    case 10 when name.SequenceEqual("EnvelopeId"u8):
                        ok = First(ref seen, HeaderMember.EnvelopeId) && cursor.TryReadNullableString(out _, out _);
                        break;
                    case 10 when name.SequenceEqual("EnvelopeID"u8):
                        ok = First(ref seen, HeaderMember.EnvelopeIdUpper) && cursor.TryReadNullableString(out _, out _);
                        break;
                    case 10 when name.SequenceEqual("TreeDigest"u8):
                        ok = First(ref seen, HeaderMember.TreeDigest) && TryReadBinary(ref cursor, out treeDigest, ref wrapped, reusable?.TreeDigest);
                        break;
                    case 11 when name.SequenceEqual("ChainDigest"u8):
                        ok = First(ref seen, HeaderMember.ChainDigest) && TryReadBinary(ref cursor, out chainDigest, ref wrapped, reusable?.ChainDigest);
                        break;
                    case 12 when name.SequenceEqual("SequenceInfo"u8):
                        ok = First(ref seen, HeaderMember.SequenceInfo) && TryReadInfo(ref cursor, out info);
                        break;
                    case 13 when name.SequenceEqual("ContainerInfo"u8):
                        ok = First(ref seen, HeaderMember.ContainerInfo) && TryReadInfo(ref cursor, out info);
                        break;
                    case 13 when name.SequenceEqual("PayloadDigest"u8):
                        ok = First(ref seen, HeaderMember.PayloadDigest) && TryReadBinary(ref cursor, out payloadDigest, ref wrapped, reusable?.PayloadDigest);
                        break;
                    case 15 when name.SequenceEqual("ContentMetaData"u8):
                        ok = First(ref seen, HeaderMember.ContentMetaData)
                             && TryReadContentMetaData(ref cursor, out hasContentMeta, out contentType, readContentMeta, out contentMeta, ref wrapped);
                        break;
                    case 10 when name.SequenceEqual("recipients"u8):
                        ok = First(ref seen, HeaderMember.Recipients) && TryReadRecipients(ref cursor, out recipientKeyIdentifiers);
                        break;
                    default:
                        // signatures, policy and annotations need the full parser; other names are ignored by it.
                        ok = !IsFullParserMember(name) && cursor.TrySkipScalar();
                        break;
                }
                if (!ok || !cursor.TryEndMember(out more)) return null;
            }
        }
        if (!cursor.AtEnd()) return null;
        // Both info members is a finding; EnvelopeId hides a bad EnvelopeID from the parser: both cases go there.
        if ((seen & (HeaderMember.ContainerInfo | HeaderMember.SequenceInfo)) == (HeaderMember.ContainerInfo | HeaderMember.SequenceInfo)) return null;
        if ((seen & (HeaderMember.EnvelopeId | HeaderMember.EnvelopeIdUpper)) == (HeaderMember.EnvelopeId | HeaderMember.EnvelopeIdUpper)) return null;
        var facts = RecordFacts.Recycle(reusable);
        facts.PayloadDigest = payloadDigest;
        facts.ChainDigest = chainDigest;
        facts.TreeDigest = treeDigest;
        facts.HasWrappedBase64 = wrapped;
        facts.InfoMemberName = (seen & HeaderMember.SequenceInfo) != 0 ? "SequenceInfo" : (seen & HeaderMember.ContainerInfo) != 0 ? "ContainerInfo" : null;
        facts.Info = info;
        facts.EncryptionAlgorithm = encryption;
        facts.Salt = salt;
        facts.Malt = malt;
        facts.RecipientKeyIdentifiers = recipientKeyIdentifiers;
        facts.ContentType = hasContentMeta ? contentType : null;
        facts.ContentMeta = contentMeta;
        return facts;
    }

    private static bool IsFullParserMember(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("signatures"u8) || name.SequenceEqual("policy"u8)
        || name.SequenceEqual("annotations"u8) || name.SequenceEqual("Annotations"u8);

    /// <summary>Marks a member as seen; false on its second occurrence (the parser keeps the first, and duplicates are rare).</summary>
    private static bool First(ref HeaderMember seen, HeaderMember member)
    {
        if ((seen & member) != 0) return false;
        seen |= member;
        return true;
    }

    private static bool First(ref InfoMember seen, InfoMember member)
    {
        if ((seen & member) != 0) return false;
        seen |= member;
        return true;
    }

    private static bool First(ref RecipientMember seen, RecipientMember member)
    {
        if ((seen & member) != 0) return false;
        seen |= member;
        return true;
    }

    private static bool First(ref ContentMetaMember seen, ContentMetaMember member)
    {
        if ((seen & member) != 0) return false;
        seen |= member;
        return true;
    }

    private static bool TryReadString(ref GoedelJsonCursor cursor, out string? value)
    {
        value = null;
        if (!cursor.TryReadNullableString(out var content, out var isNull)) return false;
        if (!isNull) value = Encoding.ASCII.GetString(content);
        return true;
    }

    private static bool TryReadInfo(ref GoedelJsonCursor cursor, out SequenceInfo? info)
    {
        info = null;
        if (cursor.PeekValueKind() == GoedelValueKind.Null) return cursor.TryReadLiteral("null"u8);
        if (!cursor.TryConsume((byte)'{')) return false;
        string? dataEncoding = null, containerType = null;
        long? index = null, treePosition = null, indexPosition = null, exchangePosition = null;
        bool? isMeta = null, isDefault = null;
        var seen = InfoMember.None;
        if (!cursor.TryConsume((byte)'}'))
        {
            for (var more = true; more;)
            {
                if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return false;
                var ok = name switch
                {
                    _ when name.SequenceEqual("Index"u8) => First(ref seen, InfoMember.Index) && cursor.TryReadNullableInteger(out index),
                    _ when name.SequenceEqual("TreePosition"u8) => First(ref seen, InfoMember.TreePosition) && cursor.TryReadNullableInteger(out treePosition),
                    _ when name.SequenceEqual("DataEncoding"u8) => First(ref seen, InfoMember.DataEncoding) && TryReadString(ref cursor, out dataEncoding),
                    _ when name.SequenceEqual("ContainerType"u8) => First(ref seen, InfoMember.ContainerType) && TryReadString(ref cursor, out containerType),
                    _ when name.SequenceEqual("IsMeta"u8) => First(ref seen, InfoMember.IsMeta) && cursor.TryReadBoolean(out isMeta),
                    _ when name.SequenceEqual("Default"u8) => First(ref seen, InfoMember.Default) && cursor.TryReadBoolean(out isDefault),
                    _ when name.SequenceEqual("IndexPosition"u8) => First(ref seen, InfoMember.IndexPosition) && cursor.TryReadNullableInteger(out indexPosition),
                    _ when name.SequenceEqual("ExchangePosition"u8) => First(ref seen, InfoMember.ExchangePosition) && cursor.TryReadNullableInteger(out exchangePosition),
                    _ => cursor.TrySkipScalar(),
                };
                if (!ok || !cursor.TryEndMember(out more)) return false;
            }
        }
        info = new SequenceInfo
        {
            DataEncoding = dataEncoding,
            ContainerType = containerType,
            Index = index,
            IsMeta = isMeta,
            Default = isDefault,
            TreePosition = treePosition,
            IndexPosition = indexPosition,
            ExchangePosition = exchangePosition,
        };
        return true;
    }

    /// <summary>
    /// recipients: an array of objects (null reads as none). Only the key identifiers are kept; <c>kwd</c> and
    /// <c>wmk</c> are type-checked as the parser does, and <c>epk</c> is kept unread by it, so any value of the
    /// subset does. A recipient's wrapped base64 does not count as the header's: the parser reads each recipient
    /// with its own field reader.
    /// </summary>
    private static bool TryReadRecipients(ref GoedelJsonCursor cursor, out IReadOnlyList<string?> keyIdentifiers)
    {
        keyIdentifiers = [];
        if (cursor.PeekValueKind() == GoedelValueKind.Null) return cursor.TryReadLiteral("null"u8);
        if (!cursor.TryConsume((byte)'[')) return false;
        if (cursor.TryConsume((byte)']')) return true;
        var kids = new List<string?>();
        for (var moreRecipients = true; moreRecipients;)
        {
            if (!cursor.TryConsume((byte)'{')) return false;
            string? kid = null;
            var seen = RecipientMember.None;
            if (!cursor.TryConsume((byte)'}'))
            {
                for (var more = true; more;)
                {
                    if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return false;
                    var recipientWrapped = false;
                    var ok = name switch
                    {
                        _ when name.SequenceEqual("kid"u8) => First(ref seen, RecipientMember.Kid) && TryReadString(ref cursor, out kid),
                        _ when name.SequenceEqual("kwd"u8) => First(ref seen, RecipientMember.Kwd) && cursor.TryReadNullableString(out _, out _),
                        _ when name.SequenceEqual("epk"u8) => First(ref seen, RecipientMember.Epk) && cursor.TrySkipValue(MaxEphemeralKeyDepth),
                        _ when name.SequenceEqual("wmk"u8) => First(ref seen, RecipientMember.Wmk) && TryCheckBinary(ref cursor, ref recipientWrapped),
                        _ => cursor.TrySkipScalar(),
                    };
                    if (!ok || !cursor.TryEndMember(out more)) return false;
                }
            }
            kids.Add(kid);
            if (!cursor.TryEndElement(out moreRecipients)) return false;
        }
        keyIdentifiers = kids;
        return true;
    }

    /// <summary>
    /// ContentMetaData: base64url of a JSON object. The verifier needs only its <c>cty</c> (the rest is type-checked);
    /// with <paramref name="build"/> the whole <see cref="ContentMeta"/> is built, as the parser builds it.
    /// </summary>
    private static bool TryReadContentMetaData(ref GoedelJsonCursor cursor, out bool present, out string? contentType,
        bool build, out ContentMeta? meta, ref bool wrapped)
    {
        present = false;
        contentType = null;
        meta = null;
        if (cursor.PeekValueKind() == GoedelValueKind.Null) return cursor.TryReadLiteral("null"u8);
        if (!cursor.TryReadString(out var text) || text.Length > MaxBase64Chars) return false;
        Span<byte> json = stackalloc byte[DecodedCapacity(text.Length)];
        if (!TryDecodeBase64Url(text, json, out var length, ref wrapped)) return false;
        present = true;
        return TryReadContentMeta(json[..length], build, out contentType, out meta);
    }

    private static bool TryReadContentMeta(ReadOnlySpan<byte> json, bool build, out string? contentType, out ContentMeta? meta)
    {
        contentType = null;
        meta = null;
        string? uniqueId = null, uniqueIdUpper = null, ev = null, messageType = null, filename = null, created = null, modified = null, expire = null;
        long? first = null, previous = null;
        List<string>? unknown = null;
        var cursor = new GoedelJsonCursor(json);
        if (!cursor.TryConsume((byte)'{')) return false;
        var seen = ContentMetaMember.None;
        if (!cursor.TryConsume((byte)'}'))
        {
            for (var more = true; more;)
            {
                if (!cursor.TryReadString(out var name) || !cursor.TryConsume((byte)':')) return false;
                var ok = name switch
                {
                    _ when name.SequenceEqual("UniqueId"u8) => First(ref seen, ContentMetaMember.UniqueId) && TryReadMetaString(ref cursor, build, out uniqueId),
                    _ when name.SequenceEqual("Event"u8) => First(ref seen, ContentMetaMember.Event) && TryReadEvent(ref cursor, build, out ev),
                    _ when name.SequenceEqual("cty"u8) => First(ref seen, ContentMetaMember.ContentType) && TryReadString(ref cursor, out contentType),
                    _ when name.SequenceEqual("UniqueID"u8) => First(ref seen, ContentMetaMember.UniqueIdUpper) && TryReadMetaString(ref cursor, build, out uniqueIdUpper),
                    _ when name.SequenceEqual("First"u8) => First(ref seen, ContentMetaMember.First) && cursor.TryReadNullableInteger(out first),
                    _ when name.SequenceEqual("Previous"u8) => First(ref seen, ContentMetaMember.Previous) && cursor.TryReadNullableInteger(out previous),
                    _ when name.SequenceEqual("MessageType"u8) => First(ref seen, ContentMetaMember.MessageType) && TryReadMetaString(ref cursor, build, out messageType),
                    _ when name.SequenceEqual("Filename"u8) => First(ref seen, ContentMetaMember.Filename) && TryReadMetaString(ref cursor, build, out filename),
                    _ when name.SequenceEqual("Created"u8) => First(ref seen, ContentMetaMember.Created) && TryReadMetaString(ref cursor, build, out created),
                    _ when name.SequenceEqual("Modified"u8) => First(ref seen, ContentMetaMember.Modified) && TryReadMetaString(ref cursor, build, out modified),
                    _ when name.SequenceEqual("Expire"u8) => First(ref seen, ContentMetaMember.Expire) && TryReadMetaString(ref cursor, build, out expire),
                    // Arrays of strings need the full parser; null is read by it as an empty list.
                    _ when name.SequenceEqual("Labels"u8) => First(ref seen, ContentMetaMember.Labels) && cursor.TryReadLiteral("null"u8),
                    _ when name.SequenceEqual("Paths"u8) => First(ref seen, ContentMetaMember.Paths) && cursor.TryReadLiteral("null"u8),
                    _ => cursor.TrySkipScalar() && (!build || NoteUnknownMember(name, ref unknown)),
                };
                if (!ok || !cursor.TryEndMember(out more)) return false;
            }
        }
        // UniqueId hides a bad UniqueID from the parser: leave that case to it.
        if (!cursor.AtEnd() || (seen & (ContentMetaMember.UniqueId | ContentMetaMember.UniqueIdUpper)) == (ContentMetaMember.UniqueId | ContentMetaMember.UniqueIdUpper))
            return false;
        if (build)
        {
            meta = new ContentMeta
            {
                UniqueId = uniqueId ?? uniqueIdUpper,
                Event = ev,
                ContentType = contentType,
                First = first,
                Previous = previous,
                MessageType = messageType,
                Filename = filename,
                Created = created,
                Modified = modified,
                Expire = expire,
                Labels = [],
                Paths = [],
                UnknownMembers = unknown ?? [],
            };
        }
        return true;
    }

    /// <summary>A string or null; the string is only made when the ContentMeta is being built.</summary>
    private static bool TryReadMetaString(ref GoedelJsonCursor cursor, bool build, out string? value)
    {
        value = null;
        if (!cursor.TryReadNullableString(out var content, out var isNull)) return false;
        if (build && !isNull) value = Encoding.ASCII.GetString(content);
        return true;
    }

    /// <summary>As <see cref="TryReadMetaString"/>; New, Update and Delete are the shared <see cref="ContentMetaEvents"/> strings.</summary>
    private static bool TryReadEvent(ref GoedelJsonCursor cursor, bool build, out string? value)
    {
        value = null;
        if (!cursor.TryReadNullableString(out var content, out var isNull)) return false;
        if (build && !isNull) value = ContentMetaEvents.Shared(content) ?? Encoding.ASCII.GetString(content);
        return true;
    }

    /// <summary>The parser lists member names it does not know, each once, in order of first appearance.</summary>
    private static bool NoteUnknownMember(ReadOnlySpan<byte> name, ref List<string>? unknown)
    {
        if (name.SequenceEqual("KeyValues"u8) || name.SequenceEqual("FileEntry"u8)) return true;
        var text = Encoding.ASCII.GetString(name);
        unknown ??= [];
        if (!unknown.Contains(text)) unknown.Add(text);
        return true;
    }

    /// <summary>Checks a binary value as the parser would, without keeping it.</summary>
    private static bool TryCheckBinary(ref GoedelJsonCursor cursor, ref bool wrapped)
    {
        if (cursor.PeekValueKind() == GoedelValueKind.Null) return cursor.TryReadLiteral("null"u8);
        if (!cursor.TryReadString(out var text) || text.Length > MaxBase64Chars) return false;
        Span<byte> decoded = stackalloc byte[DecodedCapacity(text.Length)];
        return TryDecodeBase64Url(text, decoded, out _, ref wrapped);
    }

    private static bool TryReadBinary(ref GoedelJsonCursor cursor, out byte[]? value, ref bool wrapped) =>
        TryReadBinary(ref cursor, out value, ref wrapped, reusable: null);

    /// <param name="reusable">An array of an earlier frame's facts that nothing uses any more, filled when the value has its length.</param>
    private static bool TryReadBinary(ref GoedelJsonCursor cursor, out byte[]? value, ref bool wrapped, byte[]? reusable)
    {
        value = null;
        if (cursor.PeekValueKind() == GoedelValueKind.Null) return cursor.TryReadLiteral("null"u8);
        if (!cursor.TryReadString(out var text) || text.Length > MaxBase64Chars) return false;
        Span<byte> decoded = stackalloc byte[DecodedCapacity(text.Length)];
        if (!TryDecodeBase64Url(text, decoded, out var length, ref wrapped)) return false;
        if (reusable is not null && reusable.Length == length)
        {
            decoded[..length].CopyTo(reusable);
            value = reusable;
        }
        else
        {
            value = decoded[..length].ToArray();
        }
        return true;
    }

    /// <summary>
    /// The same rule as <c>Base64Url.TryDecodeWrapped</c>: drop the whitespace the reference wraps with, then the
    /// base64url alphabet only, no padding, and no length of 1 mod 4.
    /// </summary>
    private static bool TryDecodeBase64Url(ReadOnlySpan<byte> text, Span<byte> destination, out int length, ref bool wrapped)
    {
        length = 0;
        var firstOther = text.IndexOfAnyExcept(Base64UrlAlphabet);
        if (firstOther < 0) return TryDecodeCompact(text, destination, out length);
        // Wrapped: copy the runs of alphabet between the whitespace, a whole run at a time.
        Span<byte> compact = stackalloc byte[text.Length];
        var count = 0;
        var rest = text;
        var run = firstOther;
        while (run >= 0)
        {
            rest[..run].CopyTo(compact[count..]);
            count += run;
            rest = rest[run..];
            var afterWhitespace = rest.IndexOfAnyExcept(Base64Whitespace);
            if (afterWhitespace == 0) return false; // neither alphabet nor whitespace
            if (afterWhitespace < 0)
            {
                rest = default;
                break;
            }
            rest = rest[afterWhitespace..];
            run = rest.IndexOfAnyExcept(Base64UrlAlphabet);
        }
        rest.CopyTo(compact[count..]);
        count += rest.Length;
        if (!TryDecodeCompact(compact[..count], destination, out length)) return false;
        wrapped = true;
        return true;
    }

    private static bool TryDecodeCompact(ReadOnlySpan<byte> compact, Span<byte> destination, out int length)
    {
        length = 0;
        if (compact.Length % 4 == 1) return false;
        var status = Base64UrlCodec.DecodeFromUtf8(compact, destination, out var consumed, out length);
        return status == System.Buffers.OperationStatus.Done && consumed == compact.Length;
    }

    /// <summary>Room for the decoding of <paramref name="chars"/> base64 characters (whitespace included, so never short).</summary>
    private static int DecodedCapacity(int chars) => chars / 4 * 3 + 3;

    private static readonly SearchValues<byte> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>What <c>Base64Url.TryDecodeWrapped</c> drops: the reference wraps base64 with CR/LF and indents with spaces.</summary>
    private static readonly SearchValues<byte> Base64Whitespace = SearchValues.Create(" \t\r\n"u8);
}
