using MeshConformance.Catalogs;
using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using NUnit.Framework;
using static MeshConformance.Tests.Catalogs.Tests.TestData;

namespace MeshConformance.Tests.Catalogs.Tests;

/// <summary>Containers written with Mesh.Dare's ContainerWriter and read back as catalogs.</summary>
public class CatalogReaderTests
{
    private static readonly byte[] MasterKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static ContainerSettings Settings(string contentType, ContainerType type = ContainerType.Merkle, bool encrypted = false)
    {
        var counter = 0;
        return new ContainerSettings
        {
            Type = type,
            Vocabulary = DareVocabulary.Dare12,
            ContentType = contentType,
            Encryption = encrypted
                ? new FrameEncryption(MasterKey, "EBQL-FP4Q-VW6U-OIXJ-T2XF-KVR2-IBEY", [], () => BitConverter.GetBytes(++counter).Concat(new byte[12]).ToArray())
                : null,
        };
    }

    /// <summary>A contact catalog: a New, b New, a Update, b Delete, c New (frames 1-5), ContentMeta hand-written.</summary>
    private static byte[] ContactCatalog(ContainerSettings settings)
    {
        var payloads = new[]
        {
            Utf8("""{"CatalogedContact":{"Key":"a","Self":true}}"""),
            Utf8("""{"CatalogedContact":{"Key":"b"}}"""),
            Utf8("""{"CatalogedContact":{"Key":"a","Self":false}}"""),
            Array.Empty<byte>(),
            Utf8("""{"CatalogedContact":{"Key":"c"}}"""),
        };
        var metas = new[] { Meta("a", "New"), Meta("b", "New"), Meta("a", "Update", 1, 1), Meta("b", "Delete", 2, 2), Meta("c", "New") };
        return ContainerWriter.WriteAll(settings, payloads, i => metas[i]);
    }

    private static CatalogReadResult Read(byte[] bytes, CatalogKind? kind, Func<Dare.Reading.DareFrame, ReadOnlyMemory<byte>, byte[]?>? decrypt = null)
    {
        using var source = new MemoryByteSource(bytes);
        return CatalogReader.Read(source, kind, decrypt);
    }

    [Test]
    public void PlaintextCatalogReadsBackToTheHandComputedState()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog")), CatalogKinds.Contact);
        Assert.That(result.Findings.Where(f => f.Severity != Severity.Info), Is.Empty, string.Join("\n", result.Findings));
        Assert.That(result.FrameCount, Is.EqualTo(6));
        Assert.That(result.ContainerType, Is.EqualTo("Merkle"));
        Assert.That(result.FrameZeroContentType, Is.EqualTo("application/mmm-catalog"));
        Assert.That(result.IsEncrypted, Is.False);
        Assert.That(result.HeaderLevelOnly, Is.False);
        Assert.That(result.EntriesRead, Is.EqualTo(4));
        Assert.That(result.Kind, Is.SameAs(CatalogKinds.Contact));
        var state = result.State;
        Assert.That(state.Live.ToDictionary(p => p.Key, p => p.Value.FrameIndex),
            Is.EquivalentTo(new Dictionary<string, long> { ["a"] = 3, ["c"] = 5 }));
        Assert.That(state.Live["a"].Entry!.Body["Self"]!.ToString(), Is.EqualTo("false"));
        Assert.That(state.Deleted, Is.EquivalentTo(new Dictionary<string, long> { ["b"] = 4 }));
        Assert.That(state.History["a"].Frames, Is.EqualTo(new long[] { 1, 3 }));
    }

    [Test]
    public void CatalogReadAsTheWrongKindReportsTagsAndNothingElse()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog")), CatalogKinds.Device);
        Assert.That(result.Findings.Where(f => f.Severity != Severity.Info).Select(f => f.Code).Distinct(), Is.EqualTo(new[] { CatalogCodes.TagNotAllowed }));
        Assert.That(result.Findings.Count(f => f.Code == CatalogCodes.TagNotAllowed), Is.EqualTo(4));
    }

    [Test]
    public void WrongFrameZeroContentTypeIsAnError()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog")), CatalogKinds.Host);
        var finding = Single(result.Findings, CatalogCodes.FrameZeroContentTypeMismatch);
        Assert.That(finding.Severity, Is.EqualTo(Severity.Error));
        Assert.That(finding.FrameIndex, Is.EqualTo(0));
        Assert.That(finding.Offset, Is.EqualTo(0));
    }

    [Test]
    public void MissingFrameZeroContentTypeIsAWarning()
    {
        var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Merkle }, [Utf8("""{"CatalogedContact":{"Key":"a"}}""")], _ => Meta("a", "New"));
        var result = Read(bytes, CatalogKinds.Contact);
        Assert.That(Single(result.Findings, CatalogCodes.FrameZeroContentTypeMissing).Severity, Is.EqualTo(Severity.Warning));
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a" }));
    }

    [Test]
    public void ContainerTypeOtherThanMerkleIsInfo()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog", ContainerType.Chain)), CatalogKinds.Contact);
        Assert.That(Single(result.Findings, CatalogCodes.ContainerTypeNotMerkle).Severity, Is.EqualTo(Severity.Info));
        Assert.That(result.ContainerType, Is.EqualTo("Chain"));
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a", "c" }));
    }

    [Test]
    public void HostDareIsRecognisedByItsContentTypeWhenNoKindIsGiven()
    {
        var payloads = new[] { Utf8("""{"CatalogedPending":{"Id":"MDEV-1"}}"""), Utf8("""{"CatalogedStandard":{"Id":"MDEV-1"}}"""), Array.Empty<byte>() };
        var metas = new[] { Meta("MDEV-1", "New"), Meta("MDEV-1", "Update", 1, 1), Meta("MDEV-1", "Delete", 1, 2) };
        var result = Read(ContainerWriter.WriteAll(Settings("application/mmm-host"), payloads, i => metas[i]), null);
        Assert.That(result.Kind, Is.SameAs(CatalogKinds.Host));
        Assert.That(Codes(result.Findings.Where(f => f.Severity != Severity.Info)), Is.EqualTo(new[] { CatalogCodes.HostDeleteIgnoredByReference }));
        Assert.That(result.State.DeletesIgnoredByReference.Keys, Is.EquivalentTo(new[] { "MDEV-1" }));
    }

    [Test]
    public void WithoutAKindFramesWithEventsAreACatalogAndFramesWithoutAreASpool()
    {
        Assert.That(Read(ContactCatalog(Settings("application/mmm-catalog")), null).Kind, Is.SameAs(CatalogKinds.AnyCatalog));

        var spoolMeta = new ContentMeta { UniqueId = "NMSG-1", MessageType = "RequestContact", ContentType = "application/mmm/object" };
        var spool = ContainerWriter.WriteAll(Settings("application/mmm-catalog"), [Utf8("""{"RequestContact":{"MessageId":"NMSG-1"}}""")], _ => spoolMeta);
        var result = Read(spool, null);
        Assert.That(result.Kind, Is.SameAs(CatalogKinds.AnySpool));
        Assert.That(result.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "NMSG-1" }));
    }

    [Test]
    public void EncryptedCatalogWithoutDecryptIsHeaderLevelOnly()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog", encrypted: true)), CatalogKinds.Contact);
        Assert.That(result.IsEncrypted, Is.True);
        Assert.That(result.HeaderLevelOnly, Is.True);
        Assert.That(result.EntriesRead, Is.EqualTo(0));
        // Five data frames, all with ciphertext: the Delete's empty plaintext is still 16 bytes of CBC padding.
        Assert.That(result.FramesNotDecrypted, Is.EqualTo(5));
        Assert.That(result.Findings.Where(f => f.Code == CatalogCodes.DeleteHasPayload), Is.Empty, "padding of an undecrypted frame is not a payload");
        Assert.That(Single(result.Findings, CatalogCodes.HeaderLevelOnly).Severity, Is.EqualTo(Severity.Info));
        // The log still runs on ContentMeta: keys and versions are known, entries are not.
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a", "c" }));
        Assert.That(result.State.Live["a"].Entry, Is.Null);
        Assert.That(result.State.Deleted.Keys, Is.EquivalentTo(new[] { "b" }));
    }

    [Test]
    public void EncryptedCatalogWithDecryptReadsEntries()
    {
        byte[]? Decrypt(Dare.Reading.DareFrame frame, ReadOnlyMemory<byte> payload) =>
            FrameCipher.TryDecrypt(MasterKey, frame.Header!.Salt, payload.Span, out var plain) ? plain : null;
        var result = Read(ContactCatalog(Settings("application/mmm-catalog", encrypted: true)), CatalogKinds.Contact, Decrypt);
        Assert.That(result.IsEncrypted, Is.True);
        Assert.That(result.HeaderLevelOnly, Is.False);
        Assert.That(result.EntriesRead, Is.EqualTo(4));
        Assert.That(result.Findings.Where(f => f.Severity != Severity.Info), Is.Empty, string.Join("\n", result.Findings));
        Assert.That(result.State.Live["c"].Entry!.Key, Is.EqualTo("c"));
    }

    [Test]
    public void DecryptDelegateThatFailsMakesFramesHeaderLevel()
    {
        var result = Read(ContactCatalog(Settings("application/mmm-catalog", encrypted: true)), CatalogKinds.Contact,
            (_, _) => throw new System.Security.Cryptography.CryptographicException("bad padding"));
        Assert.That(result.HeaderLevelOnly, Is.True);
        Assert.That(result.Findings.Count(f => f.Code == CatalogCodes.DecryptFailed), Is.GreaterThan(0));
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a", "c" }));
    }

    [Test]
    public void GarbagePayloadIsAFindingPointingIntoTheFile()
    {
        var bytes = ContainerWriter.WriteAll(Settings("application/mmm-catalog"), [Utf8("not json at all")], _ => Meta("a", "New"));
        var result = Read(bytes, CatalogKinds.Contact);
        var finding = Single(result.Findings, CatalogCodes.PayloadNotJson);
        Assert.That(finding.FrameIndex, Is.EqualTo(1));
        var payloadStart = bytes.AsSpan().IndexOf(Utf8("not json at all"));
        Assert.That(finding.Offset, Is.InRange(payloadStart, payloadStart + 14), "the offset is inside the payload, in file coordinates");
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a" }), "the key is still known from UniqueId");
    }

    [Test]
    public void TruncatedFileGivesFramingFindingsAndTheStateOfTheWholeFrames()
    {
        var full = ContactCatalog(Settings("application/mmm-catalog"));
        var cut = full[..(full.Length - 10)];
        var result = Read(cut, CatalogKinds.Contact);
        Assert.That(result.Findings.Any(f => f.Code.StartsWith("DARE-", StringComparison.Ordinal) && f.Severity == Severity.Error), Is.True);
        Assert.That(result.State.Live.Keys, Is.EquivalentTo(new[] { "a" }), "frame 5 (c) is torn; b was deleted at frame 4");
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { 0xF7, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    [TestCase(new byte[] { (byte)'{', (byte)'}' })]
    [TestCase(new byte[] { 0xF4, 0x02, 0xF0, 0x00, 0x02, 0xF4 })]
    public void HostileContainersAreFindingsNotExceptions(byte[] bytes)
    {
        var result = Read(bytes, CatalogKinds.Contact);
        Assert.That(result.Findings.Any(f => f.Severity == Severity.Error), Is.True);
        Assert.That(result.State.Live, Is.Empty);
    }

    [Test]
    public void ManyRewritesOfOneKeyKeepOneLiveEntryAndABoundedHistory()
    {
        var writer = new CatalogLogWriter();
        var payload = Utf8("""{"CatalogedBookmark":{"Uid":"NBK-1","Title":"t"}}""");
        var metas = Enumerable.Range(0, 2000).Select(_ => writer.Put("NBK-1")).ToList();
        var bytes = ContainerWriter.WriteAll(Settings("application/mmm-catalog"), Enumerable.Repeat(payload, 2000), i => metas[i]);
        var result = Read(bytes, CatalogKinds.Bookmark);
        Assert.That(result.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(result.State.Live, Has.Count.EqualTo(1));
        Assert.That(result.State.Live["NBK-1"].FrameIndex, Is.EqualTo(2000));
        Assert.That(result.State.History["NBK-1"].VersionCount, Is.EqualTo(2000));
        Assert.That(result.State.History["NBK-1"].Frames, Has.Count.EqualTo(KeyHistory.MaxRecorded));
    }
}
