namespace MeshConformance.Layout;

/// <summary>Stable finding codes of the layout check (the checker maps them to requirement IDs).</summary>
public static class LayoutCodes
{
    /// <summary>Error: the root directory does not exist.</summary>
    public const string RootMissing = "LAYOUT-ROOT-MISSING";
    /// <summary>Error: the root exists but is not a directory.</summary>
    public const string RootNotDirectory = "LAYOUT-ROOT-NOT-DIRECTORY";
    /// <summary>Info: which dialect was used, why, and each dialect's score.</summary>
    public const string Dialect = "LAYOUT-DIALECT";
    /// <summary>Info: no dialect scored higher than the others (empty directory, or a tie); the reference dialect was used.</summary>
    public const string DialectUndecided = "LAYOUT-DIALECT-UNDECIDED";
    /// <summary>Warning: an entry that no name or pattern of the dialect describes.</summary>
    public const string Unknown = "LAYOUT-UNKNOWN";
    /// <summary>Error (case-sensitive dialect): the name equals a dialect name only ignoring case; a reader on a case-sensitive file system would not find it.</summary>
    public const string WrongCase = "LAYOUT-WRONG-CASE";
    /// <summary>Warning: the name is close to a dialect name (an edit or two, or another extension), probably a misspelt store.</summary>
    public const string Misnamed = "LAYOUT-MISNAMED";
    /// <summary>Error: an account directory (or account-named file) whose name is not a UDF.</summary>
    public const string AccountNotUdf = "LAYOUT-ACCOUNT-NOT-UDF";
    /// <summary>Error: a file in the key directory whose name is not a UDF.</summary>
    public const string KeyNotUdf = "LAYOUT-KEY-NOT-UDF";
    /// <summary>Error (MUST) or Warning (SHOULD), per the dialect entry: an expected entry is missing.</summary>
    public const string Missing = "LAYOUT-MISSING";
    /// <summary>Error: the name is right but it is a directory where a file belongs, or the reverse.</summary>
    public const string WrongKind = "LAYOUT-WRONG-KIND";
    /// <summary>Warning: a name of another dialect (mixed layouts, e.g. CatalogContact.dcat beside MMM_Contact.dcat).</summary>
    public const string MixedDialect = "LAYOUT-MIXED-DIALECT";
    /// <summary>Warning: a symbolic link; reported with its target, never followed.</summary>
    public const string Symlink = "LAYOUT-SYMLINK";
    /// <summary>Warning, or Error when it holds a name the dialect defines: a FIFO, device, socket or unknown file type; never opened.</summary>
    public const string SpecialFile = "LAYOUT-SPECIAL-FILE";
    /// <summary>Warning: a directory that could not be listed or an entry that could not be examined; the check there is incomplete.</summary>
    public const string Unreadable = "LAYOUT-UNREADABLE";
    /// <summary>Warning: a directory deeper than the walk's depth limit was not entered.</summary>
    public const string TooDeep = "LAYOUT-TOO-DEEP";
    /// <summary>Warning: the walk stopped at its entry limit; missing-file checks were skipped because they would be guesses.</summary>
    public const string TooManyEntries = "LAYOUT-TOO-MANY-ENTRIES";
    /// <summary>Info: an entry the dialect marks informational is present (server-side files).</summary>
    public const string Informational = "LAYOUT-INFORMATIONAL";
    /// <summary>Warning: an account directory's stores do not show whether it is a user or a group account (none or both kinds' stores).</summary>
    public const string AccountKindUnknown = "LAYOUT-ACCOUNT-KIND-UNKNOWN";
}
