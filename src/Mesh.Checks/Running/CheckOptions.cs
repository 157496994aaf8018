using MeshConformance.Layout;

namespace MeshConformance.Checks;

/// <summary>How a check run is done.</summary>
public sealed record CheckOptions
{
    /// <summary>Judge the directory as this dialect instead of detecting it.</summary>
    public LayoutDialect? Dialect { get; init; }

    /// <summary>Keep only requirements whose ID starts with this prefix (e.g. <c>DARE-</c>).</summary>
    public string? OnlyPrefix { get; init; }

    /// <summary>SHOULD-level findings fail the run too.</summary>
    public bool Strict { get; init; }

    /// <summary>Known failures; empty when none was given.</summary>
    public ExpectationFile Expectations { get; init; } = ExpectationFile.Empty;

    /// <summary>More directories of key files for reading encrypted stores.</summary>
    public IReadOnlyList<string> KeyDirectories { get; init; } = [];

    /// <summary>Called before each container is verified (progress display), with the root-relative path.</summary>
    public Action<int, string>? OnContainer { get; init; }

    /// <summary>Called once the containers to verify are known, with their number.</summary>
    public Action<int>? OnContainerCount { get; init; }
}
