using System.Text.Json;

namespace MeshConformance.Tests.Udf;

/// <summary>Small accessors for the vector JSON so the tests read like the vector file.</summary>
internal static class Json
{
    public static string? Get(this JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e)) return null;
        }
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => e.GetRawText(),
        };
    }

    public static string Req(this JsonElement e, params string[] path) =>
        e.Get(path) ?? throw new InvalidOperationException("vector lacks " + string.Join(".", path));

    public static JsonElement Obj(this JsonElement e, params string[] path)
    {
        foreach (var p in path) e = e.GetProperty(p);
        return e;
    }
}
