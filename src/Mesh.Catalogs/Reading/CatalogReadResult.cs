using MeshConformance.Core;

namespace MeshConformance.Catalogs;

/// <summary>What reading a container as a catalog or spool found.</summary>
public sealed class CatalogReadResult
{
    /// <summary>The kind the frames were judged as: the caller's, or the one inferred from frame 0 and the first data frame.</summary>
    public required CatalogKind? Kind { get; init; }

    /// <summary>Frames walked, frame 0 included.</summary>
    public required long FrameCount { get; init; }

    /// <summary>Frame 0's <c>ContainerType</c>, or null.</summary>
    public required string? ContainerType { get; init; }

    /// <summary>Frame 0's ContentMeta <c>cty</c>, or null.</summary>
    public required string? FrameZeroContentType { get; init; }

    /// <summary>Some frame's payload is encrypted.</summary>
    public required bool IsEncrypted { get; init; }

    /// <summary>Some encrypted payload could not be read (no decrypt delegate, or it returned null): those frames are known by header only.</summary>
    public required bool HeaderLevelOnly { get; init; }

    /// <summary>Number of payloads parsed into tagged entries.</summary>
    public required long EntriesRead { get; init; }

    /// <summary>Number of encrypted payloads not decrypted.</summary>
    public required long FramesNotDecrypted { get; init; }

    public required CatalogState State { get; init; }

    /// <summary>Every finding: framing and header findings from the DARE reader, then entry and log findings, in file order.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
}
