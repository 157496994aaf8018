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

/// <summary>
/// The <see cref="ContentMeta.Event"/> values a catalog frame carries (reference-platform.md §4.2). Every catalog frame
/// has one, so a reader of many frames hands out these strings instead of a new one per frame.
/// </summary>
public static class ContentMetaEvents
{
    public const string New = "New";
    public const string Update = "Update";
    public const string Delete = "Delete";

    /// <summary>The shared string for one of the three values written as ASCII; null for any other.</summary>
    public static string? Shared(ReadOnlySpan<byte> ascii) => ascii switch
    {
        _ when ascii.SequenceEqual("New"u8) => New,
        _ when ascii.SequenceEqual("Update"u8) => Update,
        _ when ascii.SequenceEqual("Delete"u8) => Delete,
        _ => null,
    };
}
