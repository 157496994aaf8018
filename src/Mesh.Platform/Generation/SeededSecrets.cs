using System.Security.Cryptography;
using System.Text;

namespace MeshConformance.Platform.Generation;

/// <summary>
/// Every "random" byte the generator needs (seeds, master keys, salts, ephemeral keys), derived from the seed
/// and a label with HKDF-SHA-256. Labels make each value independent of how many others were drawn before it,
/// so adding one entry type does not shift every key in a golden profile.
/// </summary>
public sealed class SeededSecrets(int seed)
{
    private readonly byte[] ikm = Encoding.UTF8.GetBytes($"MeshConformance profile generator/{seed}");
    private readonly Dictionary<string, int> counters = [];

    /// <summary>The bytes named <paramref name="label"/>: the same for the same seed and label, always.</summary>
    public byte[] Bytes(string label, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, length, [], Encoding.UTF8.GetBytes(label));

    /// <summary>A stream of distinct values under one label (salts and keys of successive frames of one store).</summary>
    public Func<int, byte[]> Stream(string label) => length =>
    {
        var n = counters.TryGetValue(label, out var c) ? c : 0;
        counters[label] = n + 1;
        return Bytes($"{label}#{n}", length);
    };
}
