using MeshConformance.Core;
using MeshConformance.JsonB;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// The small file a platform store leaves in <c>Keys/&lt;UDF&gt;</c> instead of the key (bindings.md K-3), in the
/// reference's tagged layout so that tools which list <c>Keys/</c> still see one entry per key:
/// <code>
/// {"PlatformKey": {"Store": "secret-service", "Udf": "&lt;UDF&gt;", "KeyType": "PrivateKeyUDF",
///   "Public": "&lt;base64url SPKI DER&gt;", "Attributes": {"mesh-udf": "…", "mesh-root": "…"}}}
/// </code>
/// DPAPI adds <c>"Protected"</c>, the protected blob itself. The key checks recognise this shape: change it only together with them.
/// </summary>
public sealed record KeyLocator(string Store, string Udf, string KeyType, byte[] PublicSpki, IReadOnlyList<KeyValuePair<string, string>> Attributes, byte[]? Protected)
{
    public const string Tag = "PlatformKey";

    /// <summary>The value of the attribute <paramref name="name"/>, or null.</summary>
    public string? Attribute(string name) => Attributes.FirstOrDefault(a => a.Key == name).Value;

    public byte[] ToBytes()
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginObject(Tag);
        w.WriteString("Store", Store);
        w.WriteString("Udf", Udf);
        w.WriteString("KeyType", KeyType);
        w.WriteBinary("Public", PublicSpki);
        w.BeginObject("Attributes");
        foreach (var (name, value) in Attributes) w.WriteString(name, value);
        w.EndObject();
        if (Protected is not null) w.WriteBinary("Protected", Protected);
        w.EndObject();
        w.EndObject();
        return w.ToArray();
    }

    /// <summary>Writes the locator owner-only and atomically, exactly as key files are written.</summary>
    public void Write(string keysDirectory) => KeyFiles.WriteOwnerOnly(keysDirectory, Udf, ToBytes());

    /// <summary>The locator in <c>keysDirectory/udf</c>; null when there is no file or it holds a key rather than a locator.</summary>
    public static KeyLocator? Read(string keysDirectory, string udf) =>
        KeyStoreFiles.ReadRegular(keysDirectory, udf) is { } bytes ? Parse(bytes, Path.Combine(keysDirectory, udf)) : null;

    /// <summary>Whether <paramref name="content"/> is a locator (tagged <c>PlatformKey</c>) rather than a key.</summary>
    public static bool IsLocator(byte[] content) => TryParseTagged(content) is not null;

    /// <returns>The locator, or null when the content is not tagged <c>PlatformKey</c>.</returns>
    /// <exception cref="KeyStoreException">Tagged <c>PlatformKey</c> but a field is missing or of the wrong type.</exception>
    public static KeyLocator? Parse(byte[] content, string where)
    {
        if (TryParseTagged(content) is not { } body) return null;
        string Text(string name) => body[name]?.AsString() ?? throw new KeyStoreException($"{where}: the locator has no string {name}");
        byte[] Binary(string name) => body[name] is { } value && value.TryGetBytes(out var bytes, out _) ? bytes
            : throw new KeyStoreException($"{where}: the locator's {name} is not base64url");
        var attributes = new List<KeyValuePair<string, string>>();
        if (body["Attributes"] is JsonBObject map)
            foreach (var member in map.Members)
                attributes.Add(new(member.Name, member.Value.AsString() ?? throw new KeyStoreException($"{where}: the locator's attribute {member.Name} is not a string")));
        return new KeyLocator(Text("Store"), Text("Udf"), Text("KeyType"), Binary("Public"), attributes,
            body["Protected"] is null ? null : Binary("Protected"));
    }

    private static JsonBObject? TryParseTagged(byte[] content)
    {
        try
        {
            return JsonBParser.Parse(content) is JsonBObject tagged && tagged[Tag] is JsonBObject body ? body : null;
        }
        catch (MeshFormatException)
        {
            return null;
        }
    }

    /// <summary>The UDFs of the locators in <paramref name="keysDirectory"/> written by the store named <paramref name="store"/>.</summary>
    public static IReadOnlyList<string> List(string keysDirectory, string store) =>
        KeyStoreFiles.Names(keysDirectory).Where(name => IsLocatorOf(keysDirectory, name, store)).ToList();

    /// <summary>One bad file in the key directory (too large, a malformed locator) is not this store's: it must not stop the listing.</summary>
    private static bool IsLocatorOf(string keysDirectory, string name, string store)
    {
        try
        {
            return KeyStoreFiles.ReadRegular(keysDirectory, name) is { } bytes && Parse(bytes, name)?.Store == store;
        }
        catch (Exception e) when (e is KeyStoreException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
