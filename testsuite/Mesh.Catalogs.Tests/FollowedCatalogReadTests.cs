using System.Text;
using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// A catalog read that follows the verifier's walk (<see cref="CatalogReader.Follow"/>, the checker's one walk per
/// file) gives what a read of its own gives, and the verifier reports the same with and without a follower: on every
/// store of the golden and negative vectors, on our writer's stores in every shape, and on damaged copies of them.
/// </summary>
public class FollowedCatalogReadTests
{
    private static IEnumerable<TestCaseData> StoreCases() =>
        FastCatalogReadTests.Stores().Select(s => new TestCaseData(s.Bytes, s.Kind).SetName($"{{m}}({s.Name})"));

    [TestCaseSource(nameof(StoreCases))]
    public void FollowingTheVerifierGivesTheSameReadAndTheSameReport(byte[] store, CatalogKind? kind)
    {
        foreach (var asKind in new[] { kind, null }.Distinct())
        {
            foreach (var keepEntryBodies in new[] { false, true })
            {
                AssertSameRead(store, asKind, decrypting: false, keepEntryBodies);
                AssertSameRead(store, asKind, decrypting: true, keepEntryBodies);
            }
        }
    }

    /// <summary>Bytes changed in headers and payloads, framing lengths broken, torn and extended tails.</summary>
    [Test]
    public void FollowingTheVerifierAgreesOnDamagedStores()
    {
        var damaged = DamagedStores(20261127).ToList();
        var damageFound = damaged.Count(d =>
            AssertSameRead(d.Bytes, d.Kind, decrypting: d.Copy % 2 == 0, keepEntryBodies: d.Copy % 3 == 0).Findings.Any(f => f.Severity == Severity.Error));
        Assert.That(damageFound, Is.GreaterThan(damaged.Count / 4), "the damage reaches the findings");
    }

    /// <summary>20 damaged copies of each writer store and each store of the one-account golden profile, with their kinds.</summary>
    internal static IEnumerable<(byte[] Bytes, CatalogKind? Kind, int Copy)> DamagedStores(int seed)
    {
        var random = new Random(seed);
        foreach (var (name, original, kind) in FastCatalogReadTests.Stores())
        {
            if (!name.StartsWith("writer/", StringComparison.Ordinal) && !name.Contains("reference-one-account", StringComparison.Ordinal)) continue;
            var frames = FrameScanner.ScanForward(new MemoryByteSource(original)).Frames;
            for (var copy = 0; copy < 20; copy++) yield return (Damaged(original, frames, random, copy), kind, copy);
        }
    }

    private static readonly byte[] Interesting = "\"\\{}[],: \t\n\r-0123456789.eAZaz_tfnul\u0080"u8.ToArray();

    /// <summary>One to three bytes changed, mostly inside a header or a payload (framing intact), sometimes anywhere in a frame; every tenth copy torn, every tenth extended.</summary>
    private static byte[] Damaged(byte[] original, IReadOnlyList<FrameLayout> frames, Random random, int copy)
    {
        var bytes = (byte[])original.Clone();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var frame = frames[random.Next(frames.Count)];
            RecordLayout? record = random.Next(3) switch { 0 => frame.Header, 1 => frame.Payload ?? frame.Header, _ => null };
            var at = record is { DataLength: > 0 } r ? r.DataOffset + random.Next((int)r.DataLength) : frame.Offset + random.Next((int)frame.TotalLength);
            bytes[at] = random.Next(3) == 0 ? (byte)random.Next(256) : Interesting[random.Next(Interesting.Length)];
        }
        return (copy % 10) switch
        {
            0 => bytes[..random.Next(1, bytes.Length)],
            5 => [.. bytes, .. bytes.AsSpan(0, random.Next(1, 40))],
            _ => bytes,
        };
    }

    /// <summary>A frame whose reading fails (here the decrypt delegate throws) ends the followed read: the store is then read alone.</summary>
    [Test]
    public void AFailedFrameFallsBackToAReadOfItsOwn()
    {
        var (_, bytes, _) = FastCatalogReadTests.Stores().Single(s => s.Name == "writer/encrypted");
        Func<DareFrame, ReadOnlyMemory<byte>, byte[]?> failing = (frame, _) =>
            frame.Ordinal == 4 ? throw new IOException("gone") : null;
        var alone = CatalogReader.Read(new MemoryByteSource(bytes), CatalogKinds.Bookmark, failing, keepEntryBodies: false);
        var source = new MemoryByteSource(bytes);
        var follower = CatalogReader.Follow(source, CatalogKinds.Bookmark, failing, keepEntryBodies: false);
        ContainerVerifier.Verify(source, options: null, path: null, follower);
        Assert.That(alone.Findings.Select(f => f.Code), Does.Contain(CatalogCodes.ReadFailed));
        Assert.That(FastCatalogReadTests.Describe(follower.Result()), Is.EqualTo(FastCatalogReadTests.Describe(alone)));
    }

    /// <summary>A verifier walk that keeps parsed frames (inspect) feeds no follower: the store is read alone, with the same result.</summary>
    [Test]
    public void AVerifierThatCollectsFramesLeavesTheFollowerToReadAlone()
    {
        var (_, bytes, kind) = FastCatalogReadTests.Stores().First(s => s.Name.Contains("reference-one-account", StringComparison.Ordinal) && s.Kind is not null);
        var source = new MemoryByteSource(bytes);
        var follower = CatalogReader.Follow(source, kind, keepEntryBodies: false);
        ContainerVerifier.Verify(source, new VerifyOptions { CollectFrames = true }, path: null, follower);
        Assert.That(FastCatalogReadTests.Describe(follower.Result()),
            Is.EqualTo(FastCatalogReadTests.Describe(CatalogReader.Read(new MemoryByteSource(bytes), kind, keepEntryBodies: false))));
    }

    private static CatalogReadResult AssertSameRead(byte[] store, CatalogKind? kind, bool decrypting, bool keepEntryBodies)
    {
        string? followedReport = null;
        var result = FastCatalogReadTests.AssertSameRead(store, kind, decrypting,
            (source, decrypt) =>
            {
                var follower = CatalogReader.Follow(source, kind, decrypt, keepEntryBodies);
                followedReport = Describe(ContainerVerifier.Verify(source, options: null, path: "store", follower));
                return follower.Result();
            },
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies));
        Assert.That(followedReport, Is.EqualTo(Describe(ContainerVerifier.Verify(new MemoryByteSource(store), path: "store"))),
            "the verifier's report does not change when a catalog read follows its walk");
        return result;
    }

    private static string Describe(ContainerReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join("|", r.Path, r.FileLength, r.FrameCount, r.ValidEnd, r.LastIndex, r.ContainerType, r.ContainerTypeText, r.ContentType,
            r.DataEncoding, r.Vocabulary, r.TreeConvention, r.DigestDialect));
        foreach (var f in r.Findings) text.AppendLine($"F {f.Code}|{f.Severity}|{f.Offset}|{f.FrameIndex}|{f.Message}");
        return text.ToString();
    }
}
