namespace MeshConformance.Checks;

/// <summary>Diagnostic codes the check runner itself reports (key files; the runner's own safety net).</summary>
public static class CheckCodes
{
    /// <summary>A key file (or the key directory) can be read or written by group or others (Unix).</summary>
    public const string KeyPermissions = "KEY-PERMISSIONS";

    /// <summary>The key directory can be listed, read or written by group or others (Unix).</summary>
    public const string KeyDirectoryPermissions = "KEY-DIR-PERMISSIONS";

    /// <summary>A key file or the key directory belongs to another user than the profile directory's owner (Unix).</summary>
    public const string KeyOwner = "KEY-OWNER";

    /// <summary>A private key or seed is stored as plaintext in the profile rather than in the platform's key storage (draft §1 prefers the latter).</summary>
    public const string KeyPlaintext = "KEY-PLAINTEXT";

    /// <summary>A key file does not parse as a tagged JOSE key object.</summary>
    public const string KeyUnparsable = "KEY-UNPARSABLE";

    /// <summary>A diagnostic code that has no requirement in the registry: a bug of ours, reported rather than hidden.</summary>
    public const string UnmappedCode = "CHECK-UNMAPPED-CODE";

    public static IReadOnlyList<string> All { get; } = [KeyPermissions, KeyDirectoryPermissions, KeyOwner, KeyPlaintext, KeyUnparsable, UnmappedCode];
}
