namespace MeshConformance.Fuzz;

/// <summary>
/// One parser fed untrusted bytes. <see cref="Run"/> returns normally for every input the parser handles as designed
/// (including the documented bad-input error, which it catches); anything that escapes is a bug the fuzzer reports:
/// an unexpected exception, or an <see cref="OracleViolation"/> when a cross-check between two readers fails.
/// </summary>
/// <param name="Dictionaries">The files of tools/fuzz/dictionaries/ (without ".dict") whose tokens suit this input.</param>
public sealed record FuzzTarget(string Name, string Description, IReadOnlyList<string> Dictionaries, FuzzAction Run);

public delegate void FuzzAction(ReadOnlySpan<byte> input);

/// <summary>Two readers that must agree did not (a fast path accepted what the full parser reports, say).</summary>
public sealed class OracleViolation(string message) : Exception(message);
