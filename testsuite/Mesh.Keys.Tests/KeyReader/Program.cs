using MeshConformance.Core;
using MeshConformance.Platform.Keys.Stores;

// mesh-keys-reader STORE KEYS-DIR MESH-ROOT BUS (or -) locate UDF | list
// Prints the located key as base64url (or MISSING), or the listed UDFs one a line. Exit 2 with the message on a store error.
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: Mesh.Keys.Reader STORE KEYS-DIR MESH-ROOT BUS|- locate UDF | list");
    return 2;
}
var (store, keys, root, bus) = (args[0], args[1], args[2], args[3] == "-" ? null : args[3]);
try
{
    using IKeyStore keyStore = store switch
    {
        FileKeyStore.StoreName => new FileKeyStore(keys),
        SecretServiceKeyStore.StoreName => new SecretServiceKeyStore(keys, root, bus, TimeSpan.FromSeconds(5)),
        DpapiKeyStore.StoreName => new DpapiKeyStore(keys, root),
        KeychainKeyStore.StoreName => new KeychainKeyStore(keys, root),
        _ => throw new KeyStoreException($"unknown store {store}"),
    };
    if (args[4] == "list")
        foreach (var udf in keyStore.List()) Console.WriteLine(udf);
    else
        Console.WriteLine(keyStore.Locate(args[5]) is { } key ? Base64Url.Encode(key) : "MISSING");
    return 0;
}
catch (Exception e) when (e is KeyStoreException or PlatformNotSupportedException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
