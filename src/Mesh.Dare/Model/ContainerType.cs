namespace MeshConformance.Dare.Model;

/// <summary>
/// The five container (sequence) types. The wire strings never changed across draft versions
/// (formats.md §0): dare-08 calls "List" the "Simple" container.
/// </summary>
public enum ContainerType
{
    List,
    Digest,
    Chain,
    Tree,
    Merkle,
}

public static class ContainerTypes
{
    public static bool TryParse(string? text, out ContainerType type)
    {
        switch (text)
        {
            case "List": type = ContainerType.List; return true;
            case "Digest": type = ContainerType.Digest; return true;
            case "Chain": type = ContainerType.Chain; return true;
            case "Tree": type = ContainerType.Tree; return true;
            case "Merkle": type = ContainerType.Merkle; return true;
            default: type = default; return false;
        }
    }

    public static string WireName(this ContainerType type) => type.ToString();

    /// <summary>Digest, Chain and Merkle frames carry a PayloadDigest (dare §4.2).</summary>
    public static bool HasPayloadDigest(this ContainerType type) => type is ContainerType.Digest or ContainerType.Chain or ContainerType.Merkle;

    /// <summary>Tree and Merkle frames carry a TreePosition (dare §4.1.1).</summary>
    public static bool HasTreePosition(this ContainerType type) => type is ContainerType.Tree or ContainerType.Merkle;
}

/// <summary>
/// Which generation of the DARE vocabulary a file uses: dare-08 (<c>ContainerInfo</c>, <c>"dig":"SHA2"</c>,
/// <c>Annotations</c>) or dare-11 and later (<c>SequenceInfo</c>, <c>"S512"</c>, <c>policy</c>).
/// The platform-06 seed draft belongs to the dare-08 era; the reference implementation writes dare-11+.
/// </summary>
public enum DareVocabulary
{
    Dare08,
    Dare12,
}
