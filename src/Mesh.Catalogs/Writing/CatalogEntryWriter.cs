using MeshConformance.JsonB;

namespace MeshConformance.Catalogs;

/// <summary>
/// Serializes an entry the way the reference writes a catalog payload: tagged, <c>{"&lt;Tag&gt;":{…}}</c>, in Goedel
/// indented JSON (reference-platform.md §4.2, §4.3; formats.md §1.4). Binary members (JsonBBinary) come out as
/// line-wrapped base64url, as the reference writes them.
/// </summary>
public static class CatalogEntryWriter
{
    public static byte[] Serialize(string tag, JsonBObject body)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentNullException.ThrowIfNull(body);
        var writer = new GoedelJsonWriter();
        writer.BeginObject();
        writer.WriteValue(tag, body);
        writer.EndObject();
        return writer.ToArray();
    }

    public static byte[] Serialize(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Serialize(entry.Tag, entry.Body);
    }
}
