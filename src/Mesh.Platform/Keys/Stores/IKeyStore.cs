namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// Where a profile's private keys live (bindings.md K-1). Every store takes the reference's tagged JOSE key JSON
/// (<c>{"PrivateKeyUDF":{…}}</c>, <c>{"PrivateKeyECDH":{…}}</c>, …) and gives the same bytes back by the key's UDF;
/// what differs is where the bytes are kept and what is left in <c>Keys/&lt;UDF&gt;</c>.
/// Every failure of the platform store (no service, locked, timed out, refused) is a <see cref="KeyStoreException"/>.
/// </summary>
public interface IKeyStore : IDisposable
{
    /// <summary>The store's name as the locator's <c>Store</c> field and the generator's option spell it: file, secret-service, dpapi, keychain.</summary>
    string Name { get; }

    /// <summary>Stores the key, replacing a key stored under the same UDF.</summary>
    void Store(KeyToStore key);

    /// <summary>The tagged JOSE JSON stored under <paramref name="udf"/>, or null when this store holds no such key.</summary>
    byte[]? Locate(string udf);

    /// <summary>Removes every trace of the key (its material and its file in <c>Keys/</c>); false when there was none.</summary>
    bool Erase(string udf);

    /// <summary>The UDFs of the keys this store holds for this Mesh root, in ordinal order.</summary>
    IReadOnlyList<string> List();
}

/// <summary>
/// One key to store. <paramref name="Tag"/> is the JOSE tag of <paramref name="JoseJson"/> (e.g. <c>PrivateKeyUDF</c>);
/// <paramref name="PublicSpki"/> is the SubjectPublicKeyInfo DER whose UDF is <paramref name="Udf"/>, which locator
/// files carry so that a checker can confirm the file name without the private key.
/// </summary>
public sealed record KeyToStore(string Udf, string Tag, byte[] JoseJson, byte[] PublicSpki, bool Exportable);

/// <summary>A key store could not do what was asked; the message says why in words and, where there is one, what to do.</summary>
public sealed class KeyStoreException : Exception
{
    public KeyStoreException(string message) : base(message) { }

    public KeyStoreException(string message, Exception inner) : base(message, inner) { }
}
