using System.CommandLine;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys.Stores;

namespace MeshConformance.Cli.Commands;

/// <summary>
/// `mesh-conform generate-profile --out DIR --seed N`: a complete, realistic profile directory (host catalog,
/// accounts with every catalog and spool, key files) that is byte-identical for the same options on any machine.
/// </summary>
public static class GenerateProfileCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "New or empty directory to write the Mesh root into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for every name, key, salt and time (default 1).", DefaultValueFactory = _ => 1 };
        var dialect = new Option<string>("--dialect") { Description = "Naming dialect: reference (default) or draft-06.", DefaultValueFactory = _ => LayoutDialects.ReferenceId };
        dialect.AcceptOnlyFromAmong(LayoutDialects.ReferenceId, LayoutDialects.Draft06Id);
        var accounts = new Option<int>("--accounts") { Description = "Accounts (default 1).", DefaultValueFactory = _ => 1 };
        var devices = new Option<int>("--devices") { Description = "Devices per account (default 2).", DefaultValueFactory = _ => 2 };
        var entries = new Option<int>("--entries") { Description = "Entries per catalog before updates and deletes (default 6).", DefaultValueFactory = _ => 6 };
        var plaintext = new Option<bool>("--plaintext") { Description = "Leave account catalogs unencrypted (the reference encrypts them)." };
        var keyStore = new Option<string>("--key-store")
        {
            Description = "Where private keys go: file (default; Keys/<UDF> key files) or secret-service (the session bus's Secret Service; Keys/ gets locator files).",
            DefaultValueFactory = _ => FileKeyStore.StoreName,
        };
        keyStore.AcceptOnlyFromAmong(FileKeyStore.StoreName, SecretServiceKeyStore.StoreName);
        var command = new Command("generate-profile", "Write a deterministic reference profile directory.")
        {
            output, seed, dialect, accounts, devices, entries, plaintext, keyStore,
        };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions
            {
                Seed = parse.GetValue(seed),
                Dialect = parse.GetValue(dialect)!,
                Accounts = parse.GetValue(accounts),
                Devices = parse.GetValue(devices),
                Entries = parse.GetValue(entries),
                Encrypt = !parse.GetValue(plaintext),
                KeyStore = parse.GetValue(keyStore) == SecretServiceKeyStore.StoreName ? KeyStoreChoice.SecretService : KeyStoreChoice.File,
            };
            GeneratedProfile profile;
            try
            {
                profile = ProfileGenerator.Generate(parse.GetValue(output)!, options);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliFailure($"--{e.ParamName?.ToLowerInvariant()}: {e.Message.Split(" (Parameter")[0]}");
            }
            catch (KeyStoreException e)
            {
                throw new CliFailure($"--key-store {parse.GetValue(keyStore)}: {e.Message}");
            }
            Console.WriteLine($"{profile.Root} ({profile.Dialect} dialect, seed {options.Seed})");
            Console.WriteLine($"  {profile.HostCatalog}");
            foreach (var account in profile.Accounts)
            {
                Console.WriteLine($"  account {account.Udf} <{account.Address}>");
                foreach (var store in account.Stores)
                    Console.WriteLine($"    {store.RelativePath}: {store.Frames} frames, {store.LiveEntries} live entries");
            }
            Console.WriteLine(options.KeyStore == KeyStoreChoice.File
                ? $"  {profile.KeyFiles.Count} key files"
                : $"  {profile.KeyFiles.Count} keys in the Secret Service, with locator files in Keys/");
            return ExitCodes.Valid;
        });
        return command;
    }
}
