namespace MeshConformance.Layout;

/// <summary>Whether a layout entry is a regular file or a directory.</summary>
public enum EntryKind
{
    File,
    Directory,
}

/// <summary>What a layout entry's presence means.</summary>
public enum EntryRole
{
    /// <summary>Must exist (at the entry's <see cref="Requirement"/> level) whenever its parent exists.</summary>
    Expected,
    /// <summary>May exist; its absence is not a finding.</summary>
    Optional,
    /// <summary>May exist and is reported as a fact (server-side files found in a client's directory).</summary>
    Informational,
}

/// <summary>RFC 2119 level of an expected entry; decides the severity when it is missing.</summary>
public enum Requirement
{
    Must,
    Should,
}

/// <summary>Which Mesh account an account directory belongs to; judged by the stores it holds.</summary>
public enum AccountKind
{
    Unknown,
    User,
    Group,
}

/// <summary>Operating systems whose Mesh root directory a dialect names.</summary>
public enum MeshPlatform
{
    Windows,
    Linux,
    MacOS,
}

/// <summary>What a layout entry holds: a catalog or spool kind, a key file, or one of the directories around them.</summary>
public enum EntryPurpose
{
    Host,
    Device,
    Contact,
    Application,
    Credential,
    Network,
    Bookmark,
    Task,
    Publication,
    Member,
    Access,
    Recrypt,
    Inbound,
    Outbound,
    Local,
    Archive,
    Key,
    Account,
    Keys,
    Profiles,
    ServerCatalog,
    ServerConfiguration,
    /// <summary>The lock file writers take (bindings.md X-1).</summary>
    Lock,
}

/// <summary>Where a dialect's content comes from, so every name can be traced to a draft section or reference line.</summary>
public sealed record DialectSource(string What, string Where);

/// <summary>
/// One file or directory of a dialect's tree. Exactly one of <see cref="Name"/> (an exact name) and
/// <see cref="Pattern"/> (a name with a {account-udf} or {key-udf} placeholder) is set.
/// </summary>
public sealed class LayoutEntry
{
    public string? Name { get; init; }
    public string? Pattern { get; init; }
    public required EntryKind Kind { get; init; }

    /// <summary>The role of an entry outside any account directory; null for account-bound entries.</summary>
    public EntryRole? Role { get; init; }

    /// <summary>
    /// The role per account kind for account-bound entries (empty otherwise). A store listed for one
    /// account kind only identifies that kind when present; kinds not listed do not have the store.
    /// </summary>
    public IReadOnlyDictionary<AccountKind, EntryRole> RolesByAccountKind { get; init; } = new Dictionary<AccountKind, EntryRole>();

    /// <summary>Set for entries that are expected (in some account kind); null otherwise.</summary>
    public Requirement? Requirement { get; init; }

    public required EntryPurpose Purpose { get; init; }

    /// <summary>The catalog label (file name without extension in both dialects), for stores.</summary>
    public string? Label { get; init; }

    /// <summary>DARE container type the store's frame 0 should declare (e.g. Merkle), for stores.</summary>
    public string? ContainerType { get; init; }

    /// <summary>Content type of the store's frame 0 (application/mmm-host, application/mmm-catalog), for stores.</summary>
    public string? ContentType { get; init; }

    public string? Source { get; init; }

    /// <summary>A directory whose contents this dialect does not describe (server configuration): only safety findings inside.</summary>
    public bool Opaque { get; init; }

    /// <summary>True when this entry or an ancestor is named by {account-udf}, so it belongs to one account.</summary>
    public bool IsAccountBound { get; init; }

    public IReadOnlyList<LayoutEntry> Entries { get; init; } = [];

    /// <summary>The name or the pattern, as written in the dialect file.</summary>
    public string Display => Name ?? Pattern!;

    /// <summary>The role this entry has in an account of the given kind (entries outside accounts ignore the kind); null when that kind does not have it.</summary>
    public EntryRole? RoleFor(AccountKind accountKind) =>
        !IsAccountBound || RolesByAccountKind.Count == 0 ? Role
        : RolesByAccountKind.TryGetValue(accountKind, out var role) ? role : null;

    /// <summary>Expected in at least one account kind (or, outside accounts, expected).</summary>
    public bool IsExpectedSomewhere => Role == EntryRole.Expected || RolesByAccountKind.Values.Contains(EntryRole.Expected);
}

/// <summary>A naming dialect: which names a Mesh platform directory uses, loaded from a data file (vectors/layouts/*.json).</summary>
public sealed class LayoutDialect
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<DialectSource> Sources { get; init; }

    /// <summary>Names compare exactly; a name equal only ignoring case is a wrong-case finding.</summary>
    public required bool CaseSensitive { get; init; }

    /// <summary>The Mesh root per platform, as written in the file (%VAR% and a leading ~ are expanded by <see cref="MeshRoot"/>).</summary>
    public required IReadOnlyDictionary<MeshPlatform, string> Roots { get; init; }

    public required IReadOnlyList<LayoutEntry> Entries { get; init; }

    /// <summary>Where the dialect was loaded from (resource or file path), for messages.</summary>
    public required string Origin { get; init; }

    /// <summary>Account kinds this dialect's stores name (draft-06: user only; reference: user and group).</summary>
    public IReadOnlySet<AccountKind> AccountKinds => accountKinds ??= Flatten(Entries).SelectMany(e => e.RolesByAccountKind.Keys).ToHashSet();

    private IReadOnlySet<AccountKind>? accountKinds;

    /// <summary>Every entry of the tree, depth first.</summary>
    public IEnumerable<LayoutEntry> AllEntries => Flatten(Entries);

    public override string ToString() => Id;

    private static IEnumerable<LayoutEntry> Flatten(IEnumerable<LayoutEntry> entries)
    {
        foreach (var entry in entries)
        {
            yield return entry;
            foreach (var child in Flatten(entry.Entries)) yield return child;
        }
    }
}
