using MeshConformance.Dare.Model;

namespace MeshConformance.Platform.Stress;

/// <summary>One stress run: which writer processes append to one container, how, and what the run must show.</summary>
public sealed record StressScenario
{
    public required string Name { get; init; }

    /// <summary>One adapter command per writer process; the same command several times gives several writers of it.</summary>
    public required IReadOnlyList<AdapterCommandLine> Writers { get; init; }

    /// <summary>Appends each writer makes (a killed append counts: the writer is restarted and goes on with the next).</summary>
    public int Appends { get; init; } = 100;

    /// <summary>Reader threads following the container while it grows (<see cref="Stores.ContainerFollower"/>).</summary>
    public int Readers { get; init; }

    public ContainerType Type { get; init; } = ContainerType.Merkle;

    /// <summary>Start every writer in a session of its own (setsid), as separately launched programs are.</summary>
    public bool SeparateSessions { get; init; }

    /// <summary>The chance, per append, that its writer is killed with SIGKILL during it.</summary>
    public double KillRate { get; init; }

    /// <summary>Writers open and close the container for every append instead of keeping it open.</summary>
    public bool ReopenPerAppend { get; init; }

    /// <summary>Writers fsync every frame before releasing the lock.</summary>
    public bool Durable { get; init; }

    /// <summary>Seeds payload sizes and the choice of when and how writers are killed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The container to append to (its folder is the Mesh root); null for a fresh temporary root.</summary>
    public string? Container { get; init; }

    /// <summary>A deliberately broken run (writers that do not exclude each other): it passes only if anomalies are found.</summary>
    public bool ExpectAnomalies { get; init; }
}
