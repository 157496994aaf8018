using System.Runtime.CompilerServices;

// The Perf*/FastHeader* tests run the verifier with its fast paths on and off (VerifierTuning) and compare;
// the benchmark times the internal stages (checking-mode reading, the fast header reader) one by one.
[assembly: InternalsVisibleTo("Mesh.Dare.Tests")]
[assembly: InternalsVisibleTo("Mesh.Bench")]
// The fuzz targets cross-check the fast header reader against the full parser on every input.
[assembly: InternalsVisibleTo("Mesh.FuzzTargets")]
