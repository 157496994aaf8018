using MeshConformance.Catalogs;
using MeshConformance.Dare.IO;
using NUnit.Framework;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>
/// CatalogReader reads a plaintext payload the fast entry reader accepts where the source holds it (no copy); a
/// source that lends nothing takes the copying path. Both give the same result on every store vector, every writer
/// store and damaged copies.
/// </summary>
public class LentPayloadReadTests
{
    private static IEnumerable<TestCaseData> StoreCases() =>
        FastCatalogReadTests.Stores().Select(s => new TestCaseData(s.Bytes, s.Kind).SetName($"{{m}}({s.Name})"));

    [TestCaseSource(nameof(StoreCases))]
    public void LentAndCopiedPayloadsGiveTheSameRead(byte[] store, CatalogKind? kind)
    {
        foreach (var asKind in new[] { kind, null }.Distinct())
        {
            AssertSameRead(store, asKind, decrypting: false);
            AssertSameRead(store, asKind, decrypting: true);
        }
    }

    [Test]
    public void LentAndCopiedPayloadsAgreeOnDamagedStores()
    {
        foreach (var (bytes, kind, copy) in FollowedCatalogReadTests.DamagedStores(20261129))
            AssertSameRead(bytes, kind, decrypting: copy % 2 == 0);
    }

    private static void AssertSameRead(byte[] store, CatalogKind? kind, bool decrypting) =>
        FastCatalogReadTests.AssertSameRead(store, kind, decrypting,
            (source, decrypt) => CatalogReader.Read(source, kind, decrypt, keepEntryBodies: false),
            (source, decrypt) => CatalogReader.Read(new LendingNothing(source), kind, decrypt, keepEntryBodies: false));

    /// <summary>Serves the bytes through <see cref="IByteSource.Read"/> only, so every payload is copied.</summary>
    private sealed class LendingNothing(IByteSource inner) : IByteSource
    {
        public long Length => inner.Length;

        public int Read(long offset, Span<byte> buffer) => inner.Read(offset, buffer);

        public void Dispose() => inner.Dispose();
    }
}
