namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// The reference's own store (reference-platform.md §3.1), made safe (bindings.md K-2): <c>Keys/&lt;UDF&gt;</c>, no
/// extension, the tagged JOSE JSON as given, but written through a temporary file created owner-only and renamed into
/// place, and on erase overwritten with zeros and flushed before it is deleted. Files that are locators of another
/// store are not this store's keys: <see cref="Locate"/> and <see cref="List"/> pass over them.
/// </summary>
public sealed class FileKeyStore(string keysDirectory) : IKeyStore
{
    public const string StoreName = "file";

    public string Name => StoreName;

    public string KeysDirectory { get; } = keysDirectory;

    public void Store(KeyToStore key) => KeyFiles.WriteOwnerOnly(KeysDirectory, key.Udf, key.JoseJson);

    public byte[]? Locate(string udf) =>
        KeyStoreFiles.ReadRegular(KeysDirectory, udf) is { } bytes && !KeyLocator.IsLocator(bytes) ? bytes : null;

    public bool Erase(string udf)
    {
        // Erasing another store's locator here would orphan its key in that store, out of sight of every tool.
        if (ReadableFile(udf) is { } bytes && KeyLocator.Parse(bytes, udf) is { } locator)
            throw new KeyStoreException($"{Path.Combine(KeysDirectory, udf)} locates a key in the {locator.Store} store; erase it through that store so the key leaves it too");
        return KeyStoreFiles.Erase(KeysDirectory, udf);
    }

    /// <summary>The file's bytes when it can be read as a key file at all; a link, a directory or a huge file is still erased.</summary>
    private byte[]? ReadableFile(string udf)
    {
        try
        {
            return KeyStoreFiles.ReadRegular(KeysDirectory, udf);
        }
        catch (KeyStoreException)
        {
            return null;
        }
    }

    public IReadOnlyList<string> List() =>
        KeyStoreFiles.Names(KeysDirectory).Where(name => Locate(name) is not null).ToList();

    public void Dispose() { }
}
