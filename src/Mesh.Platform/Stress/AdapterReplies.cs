using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshConformance.Platform.Stress;

/// <summary>What an adapter's hello says about it (docs/adapter-protocol.md).</summary>
public sealed record AdapterHello(string Implementation, IReadOnlySet<string> Capabilities, IReadOnlySet<string>? Types);

/// <summary>The optional figures of an append reply; null when the adapter did not give one or gave no number.</summary>
public sealed record AppendReply(double? LockWaitMicros, long? RepairedBytes);

/// <summary>
/// Reading adapter replies: the one place where another implementation's output (untrusted text) becomes values.
/// Every problem is an <see cref="AdapterFailure"/>, never another exception; the fuzz harness holds this to it.
/// </summary>
public static class AdapterReplies
{
    /// <summary>One reply line as a JSON object.</summary>
    public static JsonObject ParseLine(string text)
    {
        try
        {
            // Duplicate members are refused while parsing: JsonObject would otherwise throw ArgumentException at the first lookup.
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new AdapterFailure($"the reply is not a JSON object: {Shorten(text)}");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new AdapterFailure($"the reply is not a JSON object ({e.Message}): {Shorten(text)}");
        }
    }

    /// <summary>The reply itself when its <c>ok</c> is true; otherwise its error as an <see cref="AdapterFailure"/>.</summary>
    public static JsonObject RequireOk(JsonObject reply)
    {
        if (reply["ok"]?.GetValueKind() == JsonValueKind.True) return reply;
        throw new AdapterFailure(Shorten(reply["error"] is JsonValue error && error.GetValueKind() == JsonValueKind.String
            ? error.GetValue<string>()
            : reply.ToJsonString()));
    }

    public static AdapterHello ReadHello(JsonObject hello)
    {
        if (hello["protocol"] is not JsonValue protocol || !protocol.TryGetValue<int>(out var version) || version != 1)
            throw new AdapterFailure("does not speak protocol 1");
        var implementation = hello["implementation"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : "?";
        return new AdapterHello(implementation, Strings(hello["capabilities"]) ?? [], Strings(hello["types"]));
    }

    public static AppendReply ReadAppend(JsonObject reply) => new(
        reply["lockWaitUs"] is JsonValue wait && wait.TryGetValue<double>(out var waited) ? waited : null,
        reply["repairedBytes"] is JsonValue cut && cut.TryGetValue<long>(out var bytes) ? bytes : null);

    private static HashSet<string>? Strings(JsonNode? node) =>
        node is JsonArray array
            ? array.OfType<JsonValue>().Where(n => n.GetValueKind() == JsonValueKind.String).Select(n => n.GetValue<string>()).ToHashSet()
            : null;

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
