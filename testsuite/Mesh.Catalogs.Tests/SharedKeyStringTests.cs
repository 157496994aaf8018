using System.Text;
using MeshConformance.Catalogs;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// The fast entry reader builds an entry's key in one string from the payload bytes, and when the frame's UniqueId
/// (the expected key) has that text it returns that very string instead. Whatever the expected key, the key read is
/// the one read without it, and whether a payload is declined never depends on it.
/// </summary>
public class SharedKeyStringTests
{
    private static IEnumerable<(byte[] Payload, CatalogKind? Kind)> Payloads()
    {
        foreach (var (_, bytes, kind) in FastCatalogReadTests.Stores())
        {
            foreach (var (offset, length) in FastEntryReadTests.Payloads(bytes))
                yield return (bytes.AsSpan(offset, length).ToArray(), kind);
        }
        foreach (var edge in FastEntryReadTests.EdgeCases) yield return (Encoding.UTF8.GetBytes(edge), null);
    }

    [Test]
    public void TheExpectedKeyIsReturnedOnlyWhenItIsTheKey()
    {
        var read = 0;
        var shapes = new HashSet<string>();
        foreach (var (payload, kind) in Payloads())
        {
            var plain = FastEntryReader.TryRead(payload, kind);
            foreach (var expected in Variants(plain?.Key))
            {
                var entry = FastEntryReader.TryRead(payload, kind, expected);
                Assert.That(entry is null, Is.EqualTo(plain is null), "the expected key never changes whether a payload is declined");
                if (entry is null) continue;
                Assert.That(entry with { Key = null }, Is.EqualTo(plain! with { Key = null }));
                Assert.That(entry.Key, Is.EqualTo(plain!.Key), Encoding.UTF8.GetString(payload));
                if (expected == plain.Key) Assert.That(entry.Key, Is.SameAs(expected), "an expected key with the key's text is the key");
                else Assert.That(entry.Key, Is.Not.SameAs(expected));
            }
            if (plain is null) continue;
            read++;
            shapes.Add(plain.EntryType!.Key.Description);
        }
        Assert.That(read, Is.GreaterThan(200));
        // One-field, prefixed and two-field keys are all exercised.
        Assert.That(shapes, Does.Contain("\"mailto:\" + AccountAddress").And.Contain("\"{Protocol}:{Service}\"").And.Contain("Uid"));
    }

    /// <summary>No expected key, the key itself (another instance), and strings that differ from it in one place.</summary>
    private static IEnumerable<string?> Variants(string? key)
    {
        yield return null;
        yield return "";
        if (key is null) yield break;
        yield return new string(key.AsSpan());
        yield return key + "x";
        yield return key[..^1];
        yield return "x" + key;
        for (var i = 0; i < key.Length; i++)
        {
            var chars = key.ToCharArray();
            chars[i] = (char)(chars[i] ^ 1);
            yield return new string(chars);
            chars[i] = 'é';
            yield return new string(chars);
        }
    }
}
