namespace MeshConformance.Dare.Model;

/// <summary>
/// ContentMeta, carried as base64url of its JSON in the header's <c>ContentMetaData</c> (formats.md §1.4).
/// Catalogs use <c>UniqueId</c>/<c>Event</c>/<c>First</c>/<c>Previous</c>; spools use
/// <c>MessageType</c>/<c>Created</c>; frame 0 holds only <c>cty</c>.
/// </summary>
public sealed record ContentMeta
{
    /// <summary><c>UniqueId</c> (dare-11+) or <c>UniqueID</c> (dare-08).</summary>
    public string? UniqueId { get; init; }
    public string? Event { get; init; }
    /// <summary><c>cty</c>.</summary>
    public string? ContentType { get; init; }
    public long? First { get; init; }
    public long? Previous { get; init; }
    public string? MessageType { get; init; }
    public string? Filename { get; init; }
    public string? Created { get; init; }
    public string? Modified { get; init; }
    public string? Expire { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Member names present that this model does not know (reported, not dropped silently).</summary>
    public IReadOnlyList<string> UnknownMembers { get; init; } = [];
}
