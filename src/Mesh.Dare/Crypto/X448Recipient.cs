using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.JsonB;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MeshConformance.Dare.Crypto;

/// <summary>
/// A recipient entry made with X448 key agreement (the curve the reference uses for its exchange keys):
/// an ephemeral key pair per entry, KEK = HKDF-SHA-512(agreement, "master") and wmk = RFC 3394 wrap of the
/// frame's master key (formats.md §1.7). The ephemeral public key is carried as the tagged JOSE object
/// <c>{"PublicKeyECDH":{"crv":"X448","Public":…}}</c>, as the reference's recipients show it.
/// </summary>
public static class X448Recipient
{
    public const int KeySize = X448.ScalarSize;

    /// <summary>The public key of a 56-byte X448 private scalar.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != KeySize) throw new ArgumentException($"an X448 private key is {KeySize} bytes");
        var publicKey = new byte[X448.PointSize];
        X448.ScalarMultBase(privateKey.ToArray(), 0, publicKey, 0);
        return publicKey;
    }

    /// <summary>Wraps <paramref name="masterKey"/> for the holder of <paramref name="recipientPublic"/>.</summary>
    public static RecipientEntry Wrap(string recipientKid, ReadOnlySpan<byte> recipientPublic, ReadOnlySpan<byte> ephemeralPrivate, byte[] masterKey)
    {
        var agreement = Agree(ephemeralPrivate, recipientPublic)
            ?? throw new ArgumentException("the recipient's X448 public key gives an all-zero agreement");
        var wrapped = KeyExchange.Wrap(KeyExchange.KeyEncryptionKey(agreement), masterKey);
        return new RecipientEntry(recipientKid, EphemeralKeyObject(PublicKey(ephemeralPrivate)), wrapped);
    }

    /// <summary>Recovers the master key from a recipient entry with the recipient's private key; null when it does not unwrap.</summary>
    public static byte[]? TryUnwrap(DareRecipient recipient, ReadOnlySpan<byte> recipientPrivate)
    {
        if (recipient.WrappedMasterKey is null || recipientPrivate.Length != KeySize) return null;
        var ephemeralPublic = EphemeralPublic(recipient.EphemeralKey);
        if (ephemeralPublic is null) return null;
        var agreement = Agree(recipientPrivate, ephemeralPublic);
        if (agreement is null) return null;
        return KeyExchange.TryUnwrap(KeyExchange.KeyEncryptionKey(agreement), recipient.WrappedMasterKey, out var master) ? master : null;
    }

    public static JsonBObject EphemeralKeyObject(byte[] publicKey) =>
        new JsonBObject().Add("PublicKeyECDH", new JsonBObject()
            .Add("crv", new JsonBString("X448"))
            .Add("Public", new JsonBBinary(publicKey)));

    /// <summary>The X448 public key inside a tagged <c>epk</c>, or null when it is another curve or malformed.</summary>
    public static byte[]? EphemeralPublic(JsonBValue? epk)
    {
        if (epk is not JsonBObject tagged || tagged["PublicKeyECDH"] is not JsonBObject key) return null;
        if (key["crv"]?.AsString() != "X448") return null;
        return key["Public"] is { } value && value.TryGetBytes(out var bytes, out _) && bytes.Length == X448.PointSize ? bytes : null;
    }

    private static byte[]? Agree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != X448.PointSize) return null;
        var shared = new byte[X448.PointSize];
        return X448.CalculateAgreement(privateKey.ToArray(), 0, publicKey.ToArray(), 0, shared, 0) ? shared : null;
    }
}
