using System.Security.Cryptography;
using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// CatalogReader's fast header path (no JSON tree for headers of the common shape) changes how it reads, never
/// what it finds: on every store of the golden and negative vectors, on what our writer produces in every shape,
/// and on damaged copies of them, the result (every finding, the state, the counts, what the decrypt delegate is
/// given) is the same as with every header fully parsed.
/// </summary>
public class FastCatalogReadTests
{
    private static readonly byte[] MasterKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    internal static IEnumerable<(string Name, byte[] Bytes, CatalogKind? Kind)> Stores()
    {
        foreach (var folder in new[] { RepositoryPaths.Vectors("golden"), RepositoryPaths.Vectors("negative", "profiles") })
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".dcat", StringComparison.Ordinal) || f.EndsWith(".dare", StringComparison.Ordinal)).Order())
            {
                var name = Path.GetRelativePath(RepositoryPaths.Vectors(), file);
                yield return (name, File.ReadAllBytes(file), CatalogKinds.Find(Path.GetFileName(file)));
            }
        }
        foreach (var (name, settings) in WriterSettings())
            yield return ("writer/" + name, ContainerWriter.WriteAll(settings, Payloads(), Meta), null);
    }

    /// <summary>Bookmark entries: New, Update, Delete (empty payload), a frame without ContentMeta, a spool-style message.</summary>
    private static IEnumerable<byte[]> Payloads() => Enumerable.Range(0, 30).Select(i =>
        i % 7 == 3 ? [] : Encoding.UTF8.GetBytes($"{{\"CatalogedBookmark\":{{\"Uri\":\"https://e.example/{i % 9}\",\"Title\":\"t{i}\"}}}}"));

    private static ContentMeta? Meta(int i) => (i % 11) switch
    {
        10 => null,
        9 => new ContentMeta { UniqueId = $"m{i}", MessageType = "MessageContact", Created = "2021-05-01T02:03:00Z" },
        _ => new ContentMeta
        {
            UniqueId = $"https://e.example/{i % 9}",
            Event = i % 7 == 3 ? "Delete" : i < 9 ? "New" : "Update",
            First = i < 9 ? null : i % 9 + 1,
            Previous = i < 9 ? null : i - 9 + 1,
            Filename = i % 5 == 0 ? "f.txt" : null,
        },
    };

    private static IEnumerable<(string, ContainerSettings)> WriterSettings()
    {
        var clock = () => new DateTime(2021, 5, 1, 2, 3, 0, DateTimeKind.Utc);
        foreach (var vocabulary in new[] { DareVocabulary.Dare08, DareVocabulary.Dare12 })
        {
            foreach (var shape in Enum.GetValues<FrameShape>())
            {
                yield return ($"{vocabulary}-{shape}", new ContainerSettings
                {
                    Type = ContainerType.Merkle, Vocabulary = vocabulary, Shape = shape, ContentType = "application/mmm-catalog", Clock = clock,
                });
            }
        }
        var salt = 0;
        yield return ("encrypted", new ContainerSettings
        {
            Type = ContainerType.Merkle, ContentType = "application/mmm-catalog", Clock = clock,
            Encryption = new FrameEncryption(MasterKey, "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], () => BitConverter.GetBytes(++salt).Concat(new byte[12]).ToArray()),
        });
        var secret = 0;
        var recipient = X448Recipient.PublicKey(Enumerable.Range(1, 56).Select(i => (byte)i).ToArray());
        yield return ("isolated-catalog", new ContainerSettings
        {
            Type = ContainerType.Merkle, Shape = FrameShape.Catalog, ContentType = "application/mmm-catalog", Clock = clock,
            IsolatedEncryption = new IsolatedEncryption([new ExchangeRecipient("MB2G-STORE-KEY", recipient)], n => SHA512.HashData(BitConverter.GetBytes(++secret))[..n]),
        });
    }

    private static IEnumerable<TestCaseData> StoreCases() =>
        Stores().Select(s => new TestCaseData(s.Bytes, s.Kind).SetName($"{{m}}({s.Name})"));

    [TestCaseSource(nameof(StoreCases))]
    public void FastAndFullHeaderReadingGiveTheSameResult(byte[] store, CatalogKind? kind)
    {
        foreach (var asKind in new[] { kind, null }.Distinct())
        {
            AssertSameRead(store, asKind, decrypting: false);
            AssertSameRead(store, asKind, decrypting: true);
        }
    }

    /// <summary>Bytes flipped inside headers (framing intact) and torn tails: damage the readers must report alike.</summary>
    [Test]
    public void FastAndFullHeaderReadingAgreeOnDamagedStores()
    {
        var random = new Random(20261126);
        var stores = Stores().Where(s => s.Name.StartsWith("writer/", StringComparison.Ordinal) || s.Name.Contains("reference-one-account", StringComparison.Ordinal)).ToList();
        byte[] interesting = "\"\\{}[],: \t\n\r-0123456789.eAZaz_tfnul\u0080"u8.ToArray();
        var damageFound = 0;
        for (var round = 0; round < 600; round++)
        {
            var (_, original, kind) = stores[random.Next(stores.Count)];
            var bytes = (byte[])original.Clone();
            var frames = FrameScanner.ScanForward(new MemoryByteSource(original)).Frames;
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var header = frames[random.Next(frames.Count)].Header;
                if (header.DataLength == 0) continue;
                var at = header.DataOffset + random.Next((int)header.DataLength);
                bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : interesting[random.Next(interesting.Length)];
            }
            if (round % 10 == 0) bytes = bytes[..random.Next(1, bytes.Length)];
            if (AssertSameRead(bytes, kind, decrypting: round % 2 == 0).Findings.Any(f => f.Severity == Severity.Error)) damageFound++;
        }
        Assert.That(damageFound, Is.GreaterThan(100), "the damage reaches the findings");
    }

    [Test]
    public void EncryptedStoresAreDecryptedThroughTheFastPath()
    {
        var (_, bytes, _) = Stores().Single(s => s.Name == "writer/encrypted");
        var result = AssertSameRead(bytes, CatalogKinds.Bookmark, decrypting: true);
        Assert.That(result.IsEncrypted, Is.True);
        Assert.That(result.EntriesRead, Is.GreaterThan(10));
        Assert.That(result.FramesNotDecrypted, Is.Zero);
    }

    private static CatalogReadResult AssertSameRead(byte[] store, CatalogKind? kind, bool decrypting) =>
        AssertSameRead(store, kind, decrypting,
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies: true, fastHeaders: true),
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies: true, fastHeaders: false));

    /// <summary>Reads the store both ways and asserts the same result and the same frames given to the decrypt delegate.</summary>
    internal static CatalogReadResult AssertSameRead(byte[] store, CatalogKind? kind, bool decrypting,
        Func<IByteSource, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>?, CatalogReadResult> fastRead,
        Func<IByteSource, Func<DareFrame, ReadOnlyMemory<byte>, byte[]?>?, CatalogReadResult> referenceRead)
    {
        var fastFrames = new List<string>();
        var fullFrames = new List<string>();
        var fast = fastRead(new MemoryByteSource(store), decrypting ? Decrypter(fastFrames) : null);
        var full = referenceRead(new MemoryByteSource(store), decrypting ? Decrypter(fullFrames) : null);
        Assert.That(Describe(fast), Is.EqualTo(Describe(full)));
        Assert.That(fastFrames, Is.EqualTo(fullFrames), "the decrypt delegate is given the same frames");
        return fast;
    }

    /// <summary>Decrypts what our writer encrypted with the master key, and records every frame it is given.</summary>
    private static Func<DareFrame, ReadOnlyMemory<byte>, byte[]?> Decrypter(List<string> seen) => (frame, payload) =>
    {
        var h = frame.Header!;
        seen.Add(string.Join("|", frame.Ordinal, frame.Offset, h.EncryptionAlgorithm, h.KeyIdentifier, h.Salt is null ? "" : Convert.ToHexString(h.Salt),
            string.Join(",", h.Recipients.Select(r => r.KeyIdentifier)), h.ContentMeta?.UniqueId, frame.Trailer is null, payload.Length));
        return h.Recipients.Count == 0 && FrameCipher.TryDecrypt(MasterKey, h.Salt, payload.Span, out var plain) ? plain : null;
    };

    internal static string Describe(CatalogReadResult r)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join("|", r.Kind, r.FrameCount, r.ContainerType, r.FrameZeroContentType, r.IsEncrypted, r.HeaderLevelOnly, r.EntriesRead, r.FramesNotDecrypted));
        foreach (var f in r.Findings) text.AppendLine($"F {f.Code}|{f.Severity}|{f.Offset}|{f.FrameIndex}|{f.Message}");
        var s = r.State;
        text.AppendLine("kind " + s.Kind);
        foreach (var (key, live) in s.Live.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.AppendLine($"L {key}|{live.Key}|{live.FrameIndex}|{live.Entry?.Tag}|{live.Entry?.Key}|{live.Entry?.Body.Members.Count}|{DescribeMeta(live.Meta)}");
        foreach (var (key, frame) in s.Deleted.OrderBy(p => p.Key, StringComparer.Ordinal)) text.AppendLine($"D {key}|{frame}");
        foreach (var (key, h) in s.History.OrderBy(p => p.Key, StringComparer.Ordinal))
            text.AppendLine($"H {key}|{string.Join(",", h.Frames)}|{h.VersionCount}|{h.First}|{h.Last}");
        foreach (var (key, frame) in s.DeletesIgnoredByReference.OrderBy(p => p.Key, StringComparer.Ordinal)) text.AppendLine($"I {key}|{frame}");
        foreach (var (key, m) in s.MessageStatuses.OrderBy(p => p.Key, StringComparer.Ordinal)) text.AppendLine($"M {key}|{m}");
        foreach (var f in s.Findings) text.AppendLine($"S {f.Code}|{f.Severity}|{f.Offset}|{f.FrameIndex}|{f.Message}");
        return text.ToString();
    }

    private static string DescribeMeta(ContentMeta? m) => m is null ? "no-meta" : string.Join("¦",
        m.UniqueId, m.Event, m.ContentType, m.First, m.Previous, m.MessageType, m.Filename, m.Created, m.Modified, m.Expire,
        "L:" + string.Join(",", m.Labels), "P:" + string.Join(",", m.Paths), "U:" + string.Join(",", m.UnknownMembers));
}
