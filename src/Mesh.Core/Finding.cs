namespace MeshConformance.Core;

/// <summary>How bad a finding is. Maps onto the requirement levels: MUST → Error, SHOULD → Warning.</summary>
public enum Severity
{
    /// <summary>Informational: a fact worth reporting (e.g. which digest dialect matched), never a failure.</summary>
    Info,
    /// <summary>A SHOULD-level deviation or a known reference-implementation deviation; fails only in strict mode.</summary>
    Warning,
    /// <summary>A MUST-level violation.</summary>
    Error,
}

/// <summary>
/// One observation about an input, with a stable code (the checker maps it to a requirement ID),
/// where it was found, and a message a person can act on.
/// </summary>
/// <param name="Code">Stable diagnostic code, e.g. <c>DARE-FRAME-TRAILER-LEN</c>.</param>
/// <param name="Severity">How bad it is.</param>
/// <param name="Offset">Absolute byte offset in the file, or -1.</param>
/// <param name="Message">What is wrong, with the values found.</param>
/// <param name="FrameIndex">Ordinal of the frame the finding concerns, when it concerns one.</param>
/// <param name="File">Path of the file (relative to the checked root) when the finding is part of a directory check.</param>
public sealed record Finding(string Code, Severity Severity, long Offset, string Message, long? FrameIndex = null, string? File = null)
{
    public static Finding From(MeshFormatException e, Severity severity = Severity.Error, long? frameIndex = null) =>
        new(e.Code, severity, e.Offset, e.Message, frameIndex);

    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code}" + (File is null ? "" : $" {File}") + (Offset >= 0 ? $" @{Offset}" : "") +
        (FrameIndex is { } f ? $" frame {f}" : "") + $": {Message}";
}
