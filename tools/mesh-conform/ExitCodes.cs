namespace MeshConformance.Cli;

/// <summary>The exit codes every command uses, so CI can gate on them (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Everything checked is valid.</summary>
    public const int Valid = 0;

    /// <summary>Invalid content was found (a finding at failing level).</summary>
    public const int Invalid = 1;

    /// <summary>Usage error, or the input could not be read.</summary>
    public const int UsageOrIo = 2;

    /// <summary>`check --expect`: no unexpected failure, but the expectations file lists failures that no longer occur.</summary>
    public const int ExpectationsStale = 3;
}
