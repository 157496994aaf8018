using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text.Unicode;

namespace MeshConformance.JsonB;

// The tag-length-value tokens of JSON-B and JSON-D: strings and data (Table 1), numbers (Tables 2 and 4).
public sealed partial class JsonBReader
{
    /// <summary>
    /// Reads the big-endian length field of the tag at <paramref name="tagIndex"/> (the tag byte
    /// already consumed). A cut-off field is JSONB-TRUNCATED at the tag.
    /// </summary>
    private ulong ReadLengthField(int tagIndex, int width)
    {
        if (_memory.Length - _pos < width)
            throw Error(JsonBErrorCodes.Truncated, tagIndex, $"tag 0x{Data[tagIndex]:x2} needs a {width}-byte length but the input ends");
        var field = Data.Slice(_pos, width);
        _pos += width;
        return width switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            4 => BinaryPrimitives.ReadUInt32BigEndian(field),
            _ => BinaryPrimitives.ReadUInt64BigEndian(field),
        };
    }

    /// <summary>
    /// Takes <paramref name="length"/> declared bytes. The length is compared with what is left
    /// before anything is sliced or allocated, so a forged 2^62 length fails at once.
    /// </summary>
    private int TakeDeclared(int tagIndex, ulong length)
    {
        if (length > (ulong)(_memory.Length - _pos))
        {
            throw Error(JsonBErrorCodes.LengthOverrun, tagIndex,
                $"tag 0x{Data[tagIndex]:x2} declares {length} bytes but only {_memory.Length - _pos} remain");
        }
        var start = _pos;
        _pos += (int)length;
        return start;
    }

    /// <summary>Takes a fixed-size value (floats, fixed integers) following the tag; cut off = TRUNCATED.</summary>
    private ReadOnlySpan<byte> TakeFixed(int tagIndex, int size)
    {
        if (_memory.Length - _pos < size)
            throw Error(JsonBErrorCodes.Truncated, tagIndex, $"tag 0x{Data[tagIndex]:x2} needs {size} value bytes but the input ends");
        var span = Data.Slice(_pos, size);
        _pos += size;
        return span;
    }

    /// <summary>
    /// Reads <c>*chunk term</c> (Table 1): 84–87 string chunks ending with an 80–83 term, or 8C–8F
    /// data chunks ending with an 88–8B term. The value is the concatenation of all chunks.
    /// Returns a string (UTF-8 checked) or a byte[].
    /// </summary>
    /// <param name="expectString">True for a member name (must be a string); null when either kind is fine.</param>
    private object ReadChunkedValue(bool? expectString)
    {
        var start = _pos;
        var isString = Data[start] < JsonBTag.DataTerm;
        if (expectString == true && !isString)
            throw Error(JsonBErrorCodes.UnexpectedTag, start, "a data token cannot be a member name");

        List<(int Index, int Length)>? segments = null;
        (int Index, int Length) single = default;
        long total = 0;
        while (true)
        {
            if (AtEnd) throw Error(JsonBErrorCodes.Truncated, start, "a chunked value ends without its terminal chunk");
            var tagIndex = _pos;
            var tag = Data[tagIndex];
            if (tag is < 0x80 or > 0x8F)
                throw Error(JsonBErrorCodes.UnterminatedChunks, tagIndex, $"0x{tag:x2} follows a non-final chunk; a terminal chunk (80–83 or 88–8B) was expected");
            if ((tag < JsonBTag.DataTerm) != isString)
                throw Error(JsonBErrorCodes.MixedChunks, tagIndex, $"{(isString ? "data" : "string")} chunk 0x{tag:x2} inside a {(isString ? "string" : "data")} value");
            _pos++;
            var length = ReadLengthField(tagIndex, JsonBTag.LengthWidth(tag));
            var dataIndex = TakeDeclared(tagIndex, length);
            total += (long)length;
            if (total > _options.MaxValueLength || total > Array.MaxLength)
                throw Error(JsonBErrorCodes.TooLarge, start, $"chunked value longer than {_options.MaxValueLength} bytes");

            var isFinal = (tag & 0x04) == 0;
            if (segments is null && isFinal)
            {
                single = (dataIndex, (int)length);
                break;
            }
            segments ??= [];
            segments.Add((dataIndex, (int)length));
            if (isFinal) break;
        }

        if (segments is null)
        {
            var slice = Data.Slice(single.Index, single.Length);
            return isString ? DecodeUtf8(slice, i => single.Index + i) : slice.ToArray();
        }

        var joined = new byte[total];
        var at = 0;
        foreach (var (index, length) in segments)
        {
            Data.Slice(index, length).CopyTo(joined.AsSpan(at));
            at += length;
        }
        if (!isString) return joined;
        return DecodeUtf8(joined, i =>
        {
            // Map an index in the concatenation back to the file, so the offset names the bad byte.
            foreach (var (index, length) in segments)
            {
                if (i < length) return index + i;
                i -= length;
            }
            return segments[^1].Index + segments[^1].Length;
        });
    }

    /// <summary>
    /// The reference writer's member-name tag: B4–B7, a 1/2/4/8-byte length, UTF-8 bytes.
    /// Accepted on read for compatibility with files the reference JSON-B writer produced.
    /// </summary>
    private string ReadReferenceName()
    {
        var tagIndex = _pos;
        var tag = Data[_pos++];
        var length = ReadLengthField(tagIndex, JsonBTag.LengthWidth(tag));
        var index = TakeDeclared(tagIndex, length);
        return DecodeUtf8(Data.Slice(index, (int)length), i => index + i);
    }

    /// <summary>Strict UTF-8 decode; <paramref name="toIndex"/> maps a position in <paramref name="utf8"/> to the buffer.</summary>
    private string DecodeUtf8(ReadOnlySpan<byte> utf8, Func<int, int> toIndex)
    {
        if (utf8.IsEmpty) return string.Empty;
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
            if (status != OperationStatus.Done)
                throw Error(JsonBErrorCodes.InvalidUtf8, toIndex(read), "string is not valid UTF-8");
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Reads an integer token: A0–A3/A8–AB (1/2/4/8 bytes), A4/AC int128, A6/AE int512, A5/AD/A7/AF bignum.</summary>
    private JsonBNumber ReadInteger()
    {
        var tagIndex = _pos;
        var tag = Data[_pos++];
        var negative = (tag & 0x08) != 0;
        var low = tag & 0x07;
        BigInteger magnitude;
        switch (low)
        {
            case <= 3:
            {
                var width = 1 << low;
                magnitude = Magnitude(TakeFixed(tagIndex, width));
                if (!JsonBNumber.IsShortestWidth(magnitude, width))
                    Warn(JsonBErrorCodes.IntegerNotShortest, tagIndex, $"integer {magnitude} written with {width} bytes; the reference writer uses the narrowest width");
                break;
            }
            case 4:
                magnitude = Magnitude(TakeFixed(tagIndex, 16));
                break;
            case 6:
                magnitude = Magnitude(TakeFixed(tagIndex, 64));
                break;
            default:
            {
                // 5 (the §4.1 example and the reference code) and 7 (Table 2): a 16-bit length, then the magnitude.
                var length = ReadLengthField(tagIndex, 2);
                var index = TakeDeclared(tagIndex, length);
                magnitude = Magnitude(Data.Slice(index, (int)length));
                break;
            }
        }
        return JsonBNumber.FromInteger(negative ? -magnitude : magnitude, Abs(tagIndex), tag);
    }

    /// <summary>Reads a float token. 90/91/92 are decoded; JSON-D 94–98 are kept as raw bytes; 93 is unassigned.</summary>
    private JsonBNumber ReadFloat()
    {
        var tagIndex = _pos;
        var tag = Data[_pos];
        var size = tag switch
        {
            JsonBTag.Binary16 => 2,
            JsonBTag.Binary32 => 4,
            JsonBTag.Binary64 => 8,
            JsonBTag.Binary128 => 16,
            JsonBTag.Intel80 => 10,
            JsonBTag.Decimal32 => 4,
            JsonBTag.Decimal64 => 8,
            JsonBTag.Decimal128 => 16,
            _ => throw Error(JsonBErrorCodes.UnknownTag, tagIndex, $"0x{tag:x2} is not a JSON-B/C/D tag"),
        };
        _pos++;
        var bytes = TakeFixed(tagIndex, size);
        var offset = Abs(tagIndex);
        return tag switch
        {
            JsonBTag.Binary16 => JsonBNumber.FromDouble((double)BinaryPrimitives.ReadHalfBigEndian(bytes), offset, tag),
            JsonBTag.Binary32 => JsonBNumber.FromDouble(BinaryPrimitives.ReadSingleBigEndian(bytes), offset, tag),
            JsonBTag.Binary64 => JsonBNumber.FromDouble(BinaryPrimitives.ReadDoubleBigEndian(bytes), offset, tag),
            _ => JsonBNumber.FromRawFloat(tag, bytes.ToArray(), offset),
        };
    }

}
