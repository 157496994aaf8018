using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MeshConformance.Checks;
using MeshConformance.Cli.Output;

namespace MeshConformance.Cli.Commands;

/// <summary>`mesh-conform requirements`: the registry, with what is automated and how much of the seed draft is covered.</summary>
public static class RequirementsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable list." };
        var command = new Command("requirements", "List every requirement with its level, source, checks, and the seed draft's coverage.") { json };
        command.SetAction(parse =>
        {
            var registry = RequirementRegistry.Default;
            var coverage = registry.Coverage;
            if (parse.GetValue(json))
            {
                JsonStdout.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("coverage");
                    w.WriteNumber("normativeStatements", coverage.NormativeStatements);
                    w.WriteNumber("automated", coverage.Automated);
                    w.WriteNumber("percent", Math.Round(coverage.Percent, 1));
                    w.WriteEndObject();
                    w.WriteStartArray("requirements");
                    foreach (var r in registry.All)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", r.Id);
                        w.WriteString("level", r.Level.ToString().ToUpperInvariant());
                        w.WriteString("specRef", r.Spec.Display);
                        w.WriteString("text", r.Text);
                        w.WriteBoolean("automated", r.Automated);
                        w.WriteBoolean("normative", r.Normative);
                        w.WriteStartArray("codes");
                        foreach (var c in r.Codes) w.WriteStringValue(c);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Valid;
            }
            foreach (var r in registry.All)
                Console.WriteLine($"{(r.Automated ? "auto  " : "manual")}  {r.Level.ToString().ToUpperInvariant(),-6}  {r.Id,-40}  {r.Spec.Display}  {r.Text}");
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{registry.All.Count} requirements, {registry.All.Count(r => r.Automated)} automated. Seed draft coverage: {coverage.Automated} of {coverage.NormativeStatements} normative statements have a check ({coverage.Percent:0.0}%)."));
            return ExitCodes.Valid;
        });
        return command;
    }
}
