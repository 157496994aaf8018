namespace MeshConformance.Cli;

/// <summary>
/// A problem the user can fix (bad argument, unreadable file). Commands throw it; Program turns it into one
/// line on stderr and exit code 2, never a stack trace.
/// </summary>
public sealed class CliFailure(string message) : Exception(message);
