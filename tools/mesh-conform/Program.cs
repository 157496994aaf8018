using System.CommandLine;
using MeshConformance.Cli;
using MeshConformance.Cli.Commands;
using MeshConformance.Core;

var root = new RootCommand("mesh-conform: conformance checker for the Mathematical Mesh platform configuration (DARE, JSON-B, UDF).");
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(UdfCommand.Create());
root.Subcommands.Add(GenerateContainersCommand.Create());
root.Subcommands.Add(GenerateProfileCommand.Create());
root.Subcommands.Add(ProfileCommand.Create());
root.Subcommands.Add(VectorsCommand.Create());
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(RequirementsCommand.Create());
root.Subcommands.Add(VerifyLogCommand.Create());
root.Subcommands.Add(AdapterCommand.Create());
root.Subcommands.Add(StressCommand.Create());
root.Subcommands.Add(CrashCampaignCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"mesh-conform: {error.Message}");
    Console.Error.WriteLine("Try 'mesh-conform --help'.");
    return ExitCodes.UsageOrIo;
}
try
{
    // Our own handlers below print one line; the library's default handler would print a stack trace.
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliFailure e)
{
    Console.Error.WriteLine($"mesh-conform: {e.Message}");
    return ExitCodes.UsageOrIo;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"mesh-conform: {e.Message}");
    return ExitCodes.UsageOrIo;
}
catch (MeshFormatException e)
{
    Console.Error.WriteLine($"mesh-conform: {e}");
    return ExitCodes.Invalid;
}
catch (Exception e)
{
    // A bug of ours, not the user's: say so in one line rather than dump a stack trace at them.
    Console.Error.WriteLine($"mesh-conform: internal error ({e.GetType().Name}): {e.Message}. Please report it with the command line that caused it.");
    return ExitCodes.UsageOrIo;
}
