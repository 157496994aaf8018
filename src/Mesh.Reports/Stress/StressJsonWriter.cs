using System.Text.Json;
using MeshConformance.Platform.Stress;

namespace MeshConformance.Reports.Stress;

/// <summary>The stress report as JSON (schemaVersion 1, documented in docs/reports.md).</summary>
public static class StressJsonWriter
{
    public static void Write(IReadOnlyList<StressResult> results, string toolVersion, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", 1);
        w.WriteString("tool", ReportNames.ToolName);
        w.WriteString("toolVersion", toolVersion);
        w.WriteBoolean("passed", results.All(r => r.Passed));
        w.WriteStartArray("scenarios");
        foreach (var r in results) WriteScenario(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteScenario(Utf8JsonWriter w, StressResult r)
    {
        var s = r.Scenario;
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("verdict", StressFacts.Verdict(r));
        w.WriteBoolean("passed", r.Passed);
        w.WriteBoolean("expectAnomalies", s.ExpectAnomalies);
        w.WriteBoolean("clean", r.Clean);
        w.WriteString("container", r.Container);
        w.WriteStartObject("settings");
        w.WriteNumber("writers", s.Writers.Count);
        w.WriteNumber("appends", s.Appends);
        w.WriteNumber("readers", s.Readers);
        w.WriteString("type", s.Type.ToString());
        w.WriteBoolean("separateSessions", s.SeparateSessions);
        w.WriteNumber("killRate", s.KillRate);
        w.WriteBoolean("reopenPerAppend", s.ReopenPerAppend);
        w.WriteBoolean("durable", s.Durable);
        w.WriteNumber("seed", s.Seed);
        w.WriteEndObject();
        w.WriteNumber("elapsedSeconds", Math.Round(r.Elapsed.TotalSeconds, 3));
        w.WriteNumber("acknowledged", r.Acknowledged);
        w.WriteNumber("inDoubt", r.InDoubt);
        if (r.Log.InDoubtPresent is { } present) w.WriteNumber("inDoubtPresent", present);
        w.WriteNumber("kills", r.Kills);
        w.WriteNumber("tears", r.Tears);
        w.WriteNumber("repairs", r.Repairs);
        w.WriteNumber("finalRepairBytes", r.FinalRepairBytes);
        w.WriteBoolean("lockRecovered", r.LockRecovered);
        w.WriteNumber("frames", r.Log.Frames);
        w.WriteNumber("entries", r.Log.Entries);
        w.WriteNumber("appendsPerSecond", Math.Round(r.AppendsPerSecond, 1));
        Latency(w, "lockWaitUs", r.LockWait);
        Latency(w, "appendLatencyUs", r.AppendLatency);
        w.WriteStartObject("readers");
        w.WriteNumber("count", r.ReaderCount);
        w.WriteNumber("settles", r.ReaderSettles);
        w.WriteEndObject();
        w.WriteStartArray("writers");
        foreach (var x in r.Writers)
        {
            w.WriteStartObject();
            w.WriteString("name", x.Name);
            w.WriteString("implementation", x.Implementation);
            w.WriteString("command", x.Command);
            w.WriteNumber("acknowledged", x.Acknowledged);
            w.WriteNumber("inDoubt", x.InDoubt);
            w.WriteNumber("kills", x.Kills);
            w.WriteNumber("tears", x.Tears);
            w.WriteNumber("repairs", x.Repairs);
            w.WriteNumber("repairedBytes", x.RepairedBytes);
            w.WriteStartArray("errors");
            foreach (var e in x.Errors) w.WriteStringValue(e);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("anomalies");
        foreach (var f in r.Anomalies)
        {
            w.WriteStartObject();
            w.WriteString("id", StressFacts.RequirementOf(f));
            w.WriteString("code", f.Code);
            w.WriteString("severity", ReportNames.SeverityName(f.Severity));
            w.WriteNumber("offset", f.Offset);
            if (f.FrameIndex is { } frame) w.WriteNumber("frame", frame);
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("failures");
        foreach (var f in r.Failures) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Latency(Utf8JsonWriter w, string name, LatencySummary l)
    {
        w.WriteStartObject(name);
        w.WriteNumber("count", l.Count);
        w.WriteNumber("p50", Math.Round(l.P50, 1));
        w.WriteNumber("p99", Math.Round(l.P99, 1));
        w.WriteNumber("max", Math.Round(l.Max, 1));
        w.WriteEndObject();
    }
}
