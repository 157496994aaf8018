using System.Runtime.CompilerServices;

// The Perf*/FastHeader* tests run the verifier with its fast paths on and off (VerifierTuning) and compare.
[assembly: InternalsVisibleTo("Mesh.Dare.Tests")]
