using MeshConformance.JsonB;

namespace MeshConformance.Platform.Generation;

/// <summary>Terse constructors for the entry bodies the generator builds.</summary>
internal static class JsonBuild
{
    public static JsonBString S(string value) => new(value);

    public static JsonBArray Arr(params JsonBValue[] items) => new(items);

    public static JsonBObject Obj(params (string Name, JsonBValue Value)[] members)
    {
        var o = new JsonBObject();
        foreach (var (name, value) in members) o.Add(name, value);
        return o;
    }
}
