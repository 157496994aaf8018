using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Crypto;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// The frame shapes the reference implementation writes for Mesh catalogs and spools (formats.md §1.6, §1.7):
/// digests first in the header with a <c>{}</c> trailer, the catalog tree-fold convention, spool frames with
/// no digests, and a key exchange in every frame. Expected bytes and digests are computed here from the
/// format description, not by the writer under test.
/// </summary>
public class ReferenceShapeTests
{
    private static readonly DateTime Fixed = new(2020, 7, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ContainerSettings Catalog(FrameShape shape, IsolatedEncryption? isolated = null) => new()
    {
        Type = ContainerType.Merkle,
        Vocabulary = DareVocabulary.Dare12,
        ContentType = "application/mmm-catalog",
        Shape = shape,
        IsolatedEncryption = isolated,
        Clock = () => Fixed,
    };

    private static byte[][] Entries(int n) =>
        Enumerable.Range(1, n).Select(i => Encoding.UTF8.GetBytes($"{{\"CatalogedBookmark\":{{\"Uid\":\"b{i}\"}}}}")).ToArray();

    private static List<(string Header, byte[] Payload, string Trailer)> Records(byte[] file)
    {
        var frames = new List<(string, byte[], string)>();
        foreach (var frame in ContainerReader.ReadFrames(new MemoryByteSource(file), []))
        {
            var records = frame.Layout.Records;
            string Text(int i) => Encoding.UTF8.GetString(file, (int)records[i].DataOffset, (int)records[i].DataLength);
            frames.Add((Text(0), file.AsSpan((int)records[1].DataOffset, (int)records[1].DataLength).ToArray(), records.Count > 2 ? Text(2) : "<none>"));
        }
        return frames;
    }

    /// <summary>C^k(pd) with C(x) = SHA-512(0^64 || x) and k = 1 + trailing zeros of (Index + 1).</summary>
    private static byte[] CatalogTreeDigest(byte[] payloadDigest, long index)
    {
        var folds = 1 + BitOperations.TrailingZeroCount(index + 1);
        var value = payloadDigest;
        for (var i = 0; i < folds; i++) value = SHA512.HashData(new byte[64].Concat(value).ToArray());
        return value;
    }

    private static string Unwrapped(string header, string member)
    {
        var start = header.IndexOf($"\"{member}\": \"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), member + " missing");
        start += member.Length + 5;
        var end = header.IndexOf('"', start);
        return header[start..end].Replace("\n", "").Replace(" ", "");
    }

    [Test]
    public void CatalogFramesCarryTheirDigestsFirstInTheHeaderWithAnEmptyTrailer()
    {
        var file = ContainerWriter.WriteAll(Catalog(FrameShape.Catalog), Entries(5));
        var frames = Records(file);
        Assert.That(frames, Has.Count.EqualTo(6));
        for (var index = 1; index < frames.Count; index++)
        {
            var (header, payload, trailer) = frames[index];
            Assert.That(header, Does.StartWith("{\n  \"PayloadDigest\": \""), $"frame {index}");
            Assert.That(trailer, Is.EqualTo("{}"), $"frame {index}");
            var payloadDigest = SHA512.HashData(payload);
            Assert.That(Unwrapped(header, "PayloadDigest"), Is.EqualTo(Base64Url.Encode(payloadDigest)));
            Assert.That(Unwrapped(header, "TreeDigest"), Is.EqualTo(Base64Url.Encode(CatalogTreeDigest(payloadDigest, index))), $"frame {index}");
            Assert.That(header, Does.EndWith("\"Received\": \"2020-07-01T12:00:00Z\"}"));
            Assert.That(header.IndexOf("\"TreeDigest\"", StringComparison.Ordinal), Is.LessThan(header.IndexOf("\"ContentMetaData\"", StringComparison.Ordinal)));
        }
    }

    [Test]
    public void VerifierAcceptsCatalogFramesAndNamesTheCatalogConvention()
    {
        var report = ContainerVerifier.Verify(new MemoryByteSource(ContainerWriter.WriteAll(Catalog(FrameShape.Catalog), Entries(9))),
            new VerifyOptions { CollectFrames = true });
        Assert.That(report.Findings.Where(f => f.Severity != Severity.Info), Is.Empty);
        Assert.That(report.TreeConvention, Is.EqualTo("catalog"));
        Assert.That(report.DigestDialect, Is.EqualTo(DigestDialect.Reference));
        Assert.That(report.Frames.Skip(1).Select(f => f.DigestLocation), Is.All.EqualTo("header"));
    }

    [Test]
    public void SpoolFramesHaveNoDigestsAndTheVerifierAcceptsThat()
    {
        using var stream = new MemoryStream();
        var writer = new ContainerWriter(Catalog(FrameShape.Spool));
        writer.WriteFrame0(stream);
        writer.Append(stream, "message one"u8, new ContentMeta { UniqueId = "MSG-1", MessageType = "MessageContact", ContentType = "application/mmm/object" }, envelopeId: "MSG-1");
        writer.Append(stream, "message two"u8, new ContentMeta { UniqueId = "MSG-2", MessageType = "MessageContact", ContentType = "application/mmm/object" }, envelopeId: "MSG-2");
        var file = stream.ToArray();
        var frames = Records(file);
        Assert.That(frames[1].Header, Does.StartWith("{\n  \"EnvelopeId\": \"MSG-1\""));
        Assert.That(frames.Skip(1).Select(f => f.Header), Has.None.Contains("Digest"));
        Assert.That(frames.Skip(1).Select(f => f.Trailer), Is.All.EqualTo("{}"));
        var report = ContainerVerifier.Verify(new MemoryByteSource(file));
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
    }

    [Test]
    public void IsolatedEncryptionPutsAKeyExchangeInEveryFrameThatOnlyTheRecipientUnwraps()
    {
        var recipientPrivate = Enumerable.Range(1, 56).Select(i => (byte)i).ToArray();
        var counter = 0;
        byte[] Next(int n) => SHA512.HashData(BitConverter.GetBytes(++counter))[..n];
        var isolated = new IsolatedEncryption([new ExchangeRecipient("MB2G-STORE-KEY", X448Recipient.PublicKey(recipientPrivate))], Next);
        var entries = Entries(3);
        var file = ContainerWriter.WriteAll(Catalog(FrameShape.Catalog, isolated), entries);

        var frames = ContainerReader.ReadFrames(new MemoryByteSource(file), []).ToList();
        Assert.That(frames[0].Header!.IsEncrypted, Is.False, "frame 0 stays plaintext");
        var wrongKey = Enumerable.Repeat((byte)7, 56).ToArray();
        for (var i = 1; i < frames.Count; i++)
        {
            var header = frames[i].Header!;
            Assert.That(header.IsEncrypted && header.KeyIdentifier is null, Is.True);
            Assert.That(header.Recipients, Has.Count.EqualTo(1));
            Assert.That(X448Recipient.TryUnwrap(header.Recipients[0], wrongKey), Is.Null);
            var master = X448Recipient.TryUnwrap(header.Recipients[0], recipientPrivate);
            Assert.That(master, Is.Not.Null);
            var payload = frames[i].Layout.Payload!.Value;
            Assert.That(FrameCipher.TryDecrypt(master!, header.Salt!, file.AsSpan((int)payload.DataOffset, (int)payload.DataLength), out var clear), Is.True);
            Assert.That(clear, Is.EqualTo(entries[i - 1]));
        }
        var report = ContainerVerifier.Verify(new MemoryByteSource(file));
        Assert.That(report.Findings.Where(f => f.Severity == Severity.Error), Is.Empty);
    }

    [Test]
    public void X448AgreementMatchesRfc7748Section62()
    {
        // RFC 7748 §6.2: Alice's and Bob's keys and their shared secret.
        var alice = Hex.Decode("9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b");
        var bobPublic = Hex.Decode("3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609");
        Assert.That(Hex.Encode(X448Recipient.PublicKey(alice)),
            Is.EqualTo("9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"));
        var bob = Hex.Decode("1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d");
        Assert.That(Hex.Encode(X448Recipient.PublicKey(bob)), Is.EqualTo(Hex.Encode(bobPublic)));
    }
}
