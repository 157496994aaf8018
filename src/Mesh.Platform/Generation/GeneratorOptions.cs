using MeshConformance.Layout;

namespace MeshConformance.Platform.Generation;

/// <summary>What to generate. Everything that varies between runs is derived from <see cref="Seed"/>.</summary>
public sealed record GeneratorOptions
{
    public required int Seed { get; init; }

    /// <summary>Naming dialect: <c>reference</c> or <c>draft-06</c>.</summary>
    public string Dialect { get; init; } = LayoutDialects.ReferenceId;

    public int Accounts { get; init; } = 1;

    /// <summary>Devices connected to each account (the first one is this machine).</summary>
    public int Devices { get; init; } = 2;

    /// <summary>Entries per catalog before updates and deletes.</summary>
    public int Entries { get; init; } = 6;

    /// <summary>Encrypt account catalogs and spools under per-store X448 keys, as the reference does.</summary>
    public bool Encrypt { get; init; } = true;

    /// <summary>Where private keys go: key files in <c>Keys/</c> (the reference's format), or the Secret Service with locators in <c>Keys/</c>.</summary>
    public KeyStoreChoice KeyStore { get; init; } = KeyStoreChoice.File;

    /// <summary>The D-Bus bus of the Secret Service; null for the user's session bus. Only read with <see cref="KeyStoreChoice.SecretService"/>.</summary>
    public string? SecretServiceBus { get; init; }

    public void Validate()
    {
        if (Accounts is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "between 1 and 100 accounts");
        if (Devices is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(Devices), Devices, "between 1 and 100 devices");
        if (Entries is < 0 or > 100_000) throw new ArgumentOutOfRangeException(nameof(Entries), Entries, "between 0 and 100000 entries");
    }
}

/// <summary>The key stores the generator can write to (bindings.md K-1).</summary>
public enum KeyStoreChoice
{
    /// <summary>Key files in the reference's format, owner-only: the default, byte-identical to earlier output.</summary>
    File,

    /// <summary>The freedesktop Secret Service; <c>Keys/</c> gets locator files.</summary>
    SecretService,
}

/// <summary>What the generator wrote, for reports and golden-vector manifests.</summary>
public sealed record GeneratedProfile(string Root, string Dialect, string HostCatalog, IReadOnlyList<GeneratedAccount> Accounts, IReadOnlyList<string> KeyFiles);

public sealed record GeneratedAccount(string Udf, string Address, string DeviceUdf, IReadOnlyList<GeneratedStore> Stores);

/// <summary>One store: its root-relative path, frames written (frame 0 included) and entries live at the end.</summary>
public sealed record GeneratedStore(string RelativePath, EntryPurpose Purpose, long Frames, int LiveEntries, string? KeyIdentifier);
