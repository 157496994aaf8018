using MeshConformance.Core;

namespace MeshConformance.JsonB;

// Line-wrapping of base64url inside JSON strings, as the reference writer does it (formats.md §1.4).
//
// The writer keeps a *logical* column, not the physical one. Writing a member name sets it to
// 5 + len(name) (the reference's "indent 1 + 4 + tag length", with the indent always 1). Every
// base64 character first advances the column; if it passes 63, a LF and exactly two spaces are
// written and the column restarts at 2 (counting that character). So the first line of a value
// holds 58 − len(name) characters, and every continuation line up to 62, whatever the nesting.
// Array items do not touch the column: a base64 item continues from the last member name written.
public sealed partial class GoedelJsonWriter
{
    /// <summary>The column past which a break is inserted.</summary>
    public const int WrapColumn = 63;

    /// <summary>Column after a break: the two spaces of the continuation indent.</summary>
    private const int ContinuationColumn = 2;

    // Before any member name the reference column is 0, so a top-level item gets 63 characters first.
    private int _base64Column;

    /// <summary>The logical column a member's name leaves for its value.</summary>
    public static int MemberColumn(string name) => 1 + 4 + name.Length;

    /// <summary>
    /// Formats <paramref name="data"/> as unpadded base64url wrapped as the reference writer wraps it
    /// when the logical column is <paramref name="startColumn"/> (see <see cref="MemberColumn"/>).
    /// </summary>
    public static string WrapBase64Url(ReadOnlySpan<byte> data, int startColumn)
    {
        var plain = Base64Url.Encode(data);
        var wrapped = new System.Text.StringBuilder(plain.Length + plain.Length / 20 + 4);
        var column = startColumn;
        foreach (var c in plain)
        {
            column++;
            if (column > WrapColumn)
            {
                wrapped.Append("\n  ");
                column = ContinuationColumn;
            }
            wrapped.Append(c);
        }
        return wrapped.ToString();
    }

    private void PutBinary(ReadOnlySpan<byte> data)
    {
        Put((byte)'"');
        // Encode into a scratch span, then copy it out in runs between the line breaks (same rule as WrapBase64Url).
        var length = System.Buffers.Text.Base64Url.GetEncodedLength(data.Length);
        var rented = length <= 512 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        Span<byte> plain = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        System.Buffers.Text.Base64Url.EncodeToUtf8(data, plain, out _, out var written);
        plain = plain[..written];
        var column = _base64Column;
        while (plain.Length > 0)
        {
            var room = WrapColumn - column;
            if (room <= 0)
            {
                Put("\n  "u8);
                // The first character after the break sits at the continuation column itself: 62 per line.
                column = ContinuationColumn - 1;
                continue;
            }
            var run = Math.Min(room, plain.Length);
            Put(plain[..run]);
            plain = plain[run..];
            column += run;
        }
        if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        Put((byte)'"');
    }
}
