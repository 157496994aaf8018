using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.JsonB;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>Small builders for hand-written payloads, ContentMeta and entries.</summary>
internal static class TestData
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ContentMeta Meta(string? uniqueId, string? ev, long? first = null, long? previous = null) =>
        new() { UniqueId = uniqueId, Event = ev, First = first, Previous = previous };

    /// <summary>An entry built directly (not by the parser under test), with its key given by hand.</summary>
    public static CatalogEntry Entry(string tag, string? key, JsonBObject? body = null) =>
        new(tag, key, body ?? new JsonBObject(), EntryTypes.ByTag(tag));

    public static JsonBObject Body(params (string Name, string Value)[] members)
    {
        var body = new JsonBObject();
        foreach (var (name, value) in members) body.Add(name, new JsonBString(value));
        return body;
    }

    public static string[] Codes(IEnumerable<Finding> findings) => findings.Select(f => f.Code).ToArray();

    public static Finding Single(IEnumerable<Finding> findings, string code)
    {
        var matching = findings.Where(f => f.Code == code).ToList();
        NUnit.Framework.Assert.That(matching, NUnit.Framework.Has.Count.EqualTo(1), $"exactly one {code} in: {string.Join("; ", findings)}");
        return matching[0];
    }
}
