using System.CommandLine;
using MeshConformance.Platform.Vectors;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform vectors generate|verify`: writes the golden and negative profile vectors with their manifests,
/// or checks a vectors tree against its manifests (file hashes, then the checker's findings against the expected ones).
/// </summary>
public static class VectorsCommand
{
    public static Command Create()
    {
        var generateDir = new Option<string>("--out") { Description = "The vectors directory (the repository's is 'vectors').", DefaultValueFactory = _ => "vectors" };
        var generate = new Command("generate", "Regenerate vectors/golden and vectors/negative/profiles with their manifests.") { generateDir };
        generate.SetAction(parse =>
        {
            foreach (var manifest in VectorSet.Generate(parse.GetValue(generateDir)!))
                Console.WriteLine($"{manifest.Set}: {manifest.Vectors.Count} vectors, {manifest.Vectors.Sum(v => v.Files.Count)} files");
            return ExitCodes.Valid;
        });

        var verifyDir = new Option<string>("--dir") { Description = "The vectors directory to verify (default 'vectors').", DefaultValueFactory = _ => "vectors" };
        var verify = new Command("verify", "Check a vectors tree against its manifests: every file's hash, and every vector's expected findings.") { verifyDir };
        verify.SetAction(parse =>
        {
            var dir = parse.GetValue(verifyDir)!;
            if (!Directory.Exists(dir)) throw new CliFailure($"{dir}: no such directory");
            IReadOnlyList<VectorOutcome> outcomes;
            try { outcomes = VectorSet.Verify(dir); }
            catch (VectorManifestException e) { throw new CliFailure(e.Message); }
            foreach (var outcome in outcomes)
            {
                Console.WriteLine($"{(outcome.Passed ? "pass" : "FAIL")}  {outcome.Set}/{outcome.Id}");
                foreach (var problem in outcome.Problems) Console.WriteLine($"      {problem}");
            }
            var failed = outcomes.Count(o => !o.Passed);
            Console.WriteLine($"{outcomes.Count - failed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Valid : ExitCodes.Invalid;
        });

        return new Command("vectors", "Generate or verify the golden and negative profile vectors.") { generate, verify };
    }
}
