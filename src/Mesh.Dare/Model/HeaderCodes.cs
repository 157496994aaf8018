namespace MeshConformance.Dare.Model;

/// <summary>Diagnostic codes for header and trailer content (dare §5, §6). Stable: the checker maps them to requirements.</summary>
public static class HeaderCodes
{
    public const string NotAnObject = "DARE-HEADER-NOT-OBJECT";
    public const string FieldType = "DARE-HEADER-FIELD-TYPE";
    public const string Base64 = "DARE-BASE64";
    public const string Base64Wrapped = "DARE-BASE64-WRAPPED";
    public const string ContentMeta = "DARE-CONTENTMETA";
    public const string TrailerSignatures = "DARE-TRAILER-SIGNATURES";
    public const string DuplicateMember = "DARE-HEADER-DUPLICATE-MEMBER";
}
