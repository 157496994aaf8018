using MeshConformance.JsonB;

namespace MeshConformance.Dare.Model;

/// <summary>One entry of <c>recipients</c>: who can unwrap the master key (base seed) of a frame (dare §3.4.2).</summary>
/// <param name="KeyIdentifier"><c>kid</c>: a UDF key fingerprint or <c>udf@domain</c>.</param>
/// <param name="KeyDerivation"><c>kwd</c>.</param>
/// <param name="EphemeralKey"><c>epk</c>: the tagged public key object, kept as parsed.</param>
/// <param name="WrappedMasterKey"><c>wmk</c>: RFC 3394 wrap of the master key.</param>
public sealed record DareRecipient(string? KeyIdentifier, string? KeyDerivation, JsonBValue? EphemeralKey, byte[]? WrappedMasterKey);
