namespace MeshConformance.Core;

/// <summary>Lower-case hex, as the vector files write it.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(data);

    public static byte[] Decode(string hex) => Convert.FromHexString(hex);
}
