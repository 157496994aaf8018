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

    /// <summary>A key file's tag is not a key type the reference writes (PrivateKeyUDF, PrivateKeyECDH, PrivateKeyRSA, PrivateKeyDH) nor a platform-store locator.</summary>
    public const string KeyUnknownType = "KEY-UNKNOWN-TYPE";

    /// <summary>A key file is not named by the UDF of the key it holds.</summary>
    public const string KeyNameMismatch = "KEY-NAME-MISMATCH";

    /// <summary>A key that does not load: unknown curve, bad encoding, or a public half that does not belong to the private half.</summary>
    public const string KeyInvalid = "KEY-INVALID";

    /// <summary>Information: the name of this kind of key file cannot be checked (no pinned public-key encoding).</summary>
    public const string KeyNameUnverified = "KEY-NAME-UNVERIFIED";

    /// <summary>Information: a key file is named by the UDF the reference implementation computes, which differs from the drafts' (bindings.md U-12).</summary>
    public const string KeyNameReferenceForm = "KEY-NAME-REFERENCE-FORM";

    /// <summary>A diagnostic code that has no requirement in the registry: a bug of ours, reported rather than hidden.</summary>
    public const string UnmappedCode = "CHECK-UNMAPPED-CODE";

    public static IReadOnlyList<string> All { get; } =
        [KeyPermissions, KeyDirectoryPermissions, KeyOwner, KeyPlaintext, KeyUnparsable, KeyUnknownType, KeyNameMismatch, KeyInvalid, KeyNameUnverified, KeyNameReferenceForm, UnmappedCode];
}
