using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Cli.Output;

/// <summary>How `verify-log` and `stress` show a <see cref="LogVerifier.Result"/>: the same fields and lines in both.</summary>
public static class LogResultOutput
{
    /// <summary>
    /// frames, entries, expectedEntries (when known) and findings, inside an open JSON object. The writers are left to
    /// the caller: verify-log counts them, stress lists its writer processes under the same name.
    /// </summary>
    public static void WriteFields(Utf8JsonWriter w, LogVerifier.Result result)
    {
        w.WriteNumber("frames", result.Frames);
        w.WriteNumber("entries", result.Entries);
        if (result.Expected is { } expected) w.WriteNumber("expectedEntries", expected);
        w.WriteStartArray("findings");
        foreach (var f in result.Findings) InspectJson.WriteFinding(w, f);
        w.WriteEndArray();
    }

    /// <summary>The summary line (with <paramref name="prefix"/>, e.g. the acknowledged count), the problems, the verdict.</summary>
    public static void WriteText(TextWriter o, string path, LogVerifier.Result result, bool clean, string prefix = "")
    {
        o.WriteLine($"{path}: {prefix}{result.Frames} frames, {result.Entries} entries from {result.Writers} writer(s)");
        foreach (var f in result.Findings.Where(f => f.Severity != Severity.Info)) o.WriteLine(f);
        o.WriteLine(clean ? "CLEAN" : "ANOMALIES");
    }
}
