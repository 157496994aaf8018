namespace MeshConformance.Core;

/// <summary>
/// The one exception type for bad input anywhere in the format code (UDF text, JSON-B, DARE framing).
/// It always names a stable diagnostic code (which the checker maps to a requirement ID) and the
/// absolute byte offset where the problem was found, so a caller never has to parse a message.
/// </summary>
public sealed class MeshFormatException : Exception
{
    public MeshFormatException(string code, long offset, string message)
        : base(message)
    {
        Code = code;
        Offset = offset;
    }

    /// <summary>Stable diagnostic code, e.g. <c>DARE-FRAME-TRAILER-LEN</c>.</summary>
    public string Code { get; }

    /// <summary>Absolute byte offset in the input (file or buffer) of the offending byte; -1 when not applicable.</summary>
    public long Offset { get; }

    public override string ToString() => Offset >= 0 ? $"{Code} at byte {Offset}: {Message}" : $"{Code}: {Message}";
}
