namespace MeshConformance.Platform.Reading;

/// <summary>Stable finding codes of the profile reader (beside the layout's LAYOUT-… and the catalogs' CAT-… codes).</summary>
public static class ProfileCodes
{
    /// <summary>Error: a store the layout names could not be opened or read (permissions, I/O error).</summary>
    public const string Unreadable = "PROFILE-UNREADABLE";
    /// <summary>Warning: a regular file in a key directory that is no key file (unreadable, too large, not JSON-B); stores under its key stay at header level.</summary>
    public const string KeyFileSkipped = "PROFILE-KEY-FILE-SKIPPED";
    /// <summary>Warning: a key directory that could not be used (an extra one that is not a directory, or one that cannot be listed).</summary>
    public const string KeyDirectoryUnusable = "PROFILE-KEY-DIRECTORY-UNUSABLE";
}
