using System.Text.Json;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Cli.Output;

/// <summary>The machine-readable shape of `profile --json` (schema version 1, documented in docs/cli.md).</summary>
public static class ProfileJson
{
    public const int SchemaVersion = 1;

    public static void Write(Stream output, ProfileReport report)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("root", report.Root);
        w.WriteString("dialect", report.Dialect);
        w.WriteBoolean("dialectForced", report.Layout.DialectForced);
        w.WriteStartObject("dialectScores");
        foreach (var score in report.Layout.Scores) w.WriteNumber(score.DialectId, score.ExpectedFilesPresent);
        w.WriteEndObject();
        if (report.HostCatalog is { } host)
        {
            w.WriteStartObject("hostCatalog");
            WriteStoreFields(w, host);
            w.WriteStartArray("hostEntries");
            foreach (var entry in report.HostEntries)
            {
                w.WriteStartObject();
                w.WriteString("key", entry.Key);
                w.WriteString("type", entry.Tag);
                w.WriteString("draftName", entry.DraftName);
                w.WriteNumber("frame", entry.FrameIndex);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("hostCatalog");
        }
        w.WriteStartArray("accounts");
        foreach (var account in report.Accounts)
        {
            w.WriteStartObject();
            w.WriteString("udf", account.Udf);
            w.WriteBoolean("validUdf", account.IsValidUdf);
            w.WriteString("kind", account.Kind.ToString().ToLowerInvariant());
            w.WriteStartArray("stores");
            foreach (var store in account.Stores)
            {
                w.WriteStartObject();
                WriteStoreFields(w, store);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("missingStores");
            foreach (var missing in account.MissingStores) w.WriteStringValue(missing);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("keysLoaded", report.KeysLoaded);
        w.WriteStartArray("findings");
        foreach (var finding in report.Findings) InspectJson.WriteFinding(w, finding);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStoreFields(Utf8JsonWriter w, StoreSummary store)
    {
        w.WriteString("name", store.Name);
        w.WriteString("path", store.RelativePath);
        w.WriteString("kind", store.Purpose);
        w.WriteString("containerType", store.ContainerType);
        w.WriteString("contentType", store.ContentType);
        w.WriteNumber("frames", store.Frames);
        w.WriteBoolean("encrypted", store.Encrypted);
        // null: encrypted and read only to the header level (no key for it was found).
        if (store.Entries is { } entries) w.WriteNumber("entries", entries);
        else w.WriteNull("entries");
        w.WriteNumber("framesNotDecrypted", store.FramesNotDecrypted);
    }
}
