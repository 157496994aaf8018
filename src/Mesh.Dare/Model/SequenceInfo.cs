namespace MeshConformance.Dare.Model;

/// <summary>
/// The <c>ContainerInfo</c> (dare-08) / <c>SequenceInfo</c> (dare-11+) header member (formats.md §1.3).
/// Every field is optional on the wire; the verifier decides which ones a frame must have.
/// </summary>
public sealed record SequenceInfo
{
    public string? DataEncoding { get; init; }
    public string? ContainerType { get; init; }
    public long? Index { get; init; }
    public bool? IsMeta { get; init; }
    public bool? Default { get; init; }
    public long? TreePosition { get; init; }
    public long? IndexPosition { get; init; }
    public long? ExchangePosition { get; init; }
}
