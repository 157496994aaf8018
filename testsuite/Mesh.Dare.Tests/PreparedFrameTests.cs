using System.Security.Cryptography;
using System.Text;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>A frame prepared ahead (outside the lock) and built later is byte for byte the frame built in one go.</summary>
public class PreparedFrameTests
{
    private static IEnumerable<TestCaseData> Settings()
    {
        foreach (var type in Enum.GetValues<ContainerType>())
        foreach (var vocabulary in Enum.GetValues<DareVocabulary>())
            yield return new TestCaseData(type, vocabulary, FrameShape.Sequence, false).SetName($"{type} {vocabulary} sequence");
        yield return new TestCaseData(ContainerType.Merkle, DareVocabulary.Dare12, FrameShape.Catalog, false).SetName("catalog");
        yield return new TestCaseData(ContainerType.Merkle, DareVocabulary.Dare12, FrameShape.Catalog, true).SetName("catalog, isolated encryption");
        yield return new TestCaseData(ContainerType.Merkle, DareVocabulary.Dare12, FrameShape.Spool, true).SetName("spool, isolated encryption");
    }

    private static ContainerSettings Make(ContainerType type, DareVocabulary vocabulary, FrameShape shape, bool encrypted)
    {
        var secret = 0;
        var recipient = X448Recipient.PublicKey(SHA512.HashData("recipient"u8)[..X448Recipient.KeySize]);
        return new ContainerSettings
        {
            Type = type, Vocabulary = vocabulary, Shape = shape, ContentType = "application/mmm-catalog",
            Clock = () => new DateTime(2020, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            // The same deterministic secrets for both writers, so their sealing is identical.
            IsolatedEncryption = encrypted ? new IsolatedEncryption([new ExchangeRecipient("MB2G-STORE-KEY", recipient)], n => SHA512.HashData(BitConverter.GetBytes(++secret))[..n]) : null,
        };
    }

    [TestCaseSource(nameof(Settings))]
    public void PreparedThenBuiltIsTheSameFrame(ContainerType type, DareVocabulary vocabulary, FrameShape shape, bool encrypted)
    {
        var direct = new ContainerWriter(Make(type, vocabulary, shape, encrypted));
        var ahead = new ContainerWriter(Make(type, vocabulary, shape, encrypted));
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        direct.WriteFrame0(a);
        ahead.WriteFrame0(b);
        for (var i = 0; i < 40; i++)
        {
            var payload = Encoding.UTF8.GetBytes(new string('p', i * 7) + i);
            var meta = new ContentMeta { UniqueId = $"e{i}", Event = i % 3 == 0 ? "Update" : "New" };
            direct.Append(a, payload, meta, envelopeId: shape == FrameShape.Spool ? $"env{i}" : null);
            var prepared = ahead.Prepare(payload, meta, envelopeId: shape == FrameShape.Spool ? $"env{i}" : null);
            payload.AsSpan().Fill(0); // the prepared frame must own its bytes, not borrow the caller's buffer
            var frame = ahead.BuildNextFrame(prepared);
            ahead.Commit(b.Position, frame.Length);
            b.Write(frame.Span);
        }
        Assert.That(b.ToArray(), Is.EqualTo(a.ToArray()));
    }
}
