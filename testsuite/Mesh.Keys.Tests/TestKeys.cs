using NUnit.Framework;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Keys.Stores;
using MeshConformance.Udf;

namespace MeshConformance.Tests.Keys.Tests;

/// <summary>Real keys in the generator's formats: a profile seed (PrivateKeyUDF) and an X448 store key (PrivateKeyECDH).</summary>
internal static class TestKeys
{
    public static KeyToStore Seed(byte fill)
    {
        var seed = KeyDerivationSeed.Create(new UdfKeySpecifier(UdfKeyUse.Any, 0), Enumerable.Repeat(fill, 32).ToArray());
        var profile = MeshKeyPairs.FromSeed(seed, UdfKeyAlgorithm.Ed448);
        return new KeyToStore(profile.Udf, "PrivateKeyUDF", KeyFiles.SeedFile(seed, "MeshProfileAccount", exportable: false), profile.SubjectPublicKeyInfo, false);
    }

    public static KeyToStore Exchange(byte fill)
    {
        var key = MeshKeyPairs.FromPrivate(UdfKeyAlgorithm.X448, Enumerable.Repeat(fill, 56).ToArray());
        return new KeyToStore(key.Udf, "PrivateKeyECDH", KeyFiles.PrivateKeyFile(key, exportable: true), key.SubjectPublicKeyInfo, true);
    }
}
