using MeshConformance.Core;
using MeshConformance.Platform.Reading;

namespace MeshConformance.Cli.Output;

/// <summary>The human listing of `profile DIR`.</summary>
public static class ProfileText
{
    public static void Write(TextWriter o, ProfileReport report)
    {
        o.WriteLine($"root     {report.Root}");
        o.WriteLine($"dialect  {report.Dialect}{(report.Layout.DialectForced ? " (forced)" : "")}  scores: " +
            string.Join(", ", report.Layout.Scores.Select(s => $"{s.DialectId}={s.ExpectedFilesPresent}")));
        o.WriteLine($"keys     {report.KeysLoaded} exchange key(s) loaded");
        if (report.HostCatalog is { } host)
        {
            o.WriteLine();
            o.WriteLine($"host catalog {host.RelativePath}: {host.ContainerType}, {host.Frames} frames, {Count(host)} live entries");
            foreach (var e in report.HostEntries)
                o.WriteLine($"  {e.Tag ?? "?",-24} {e.Key}  (frame {e.FrameIndex}{(e.DraftName is null ? "" : ", draft: " + e.DraftName)})");
        }
        else
        {
            o.WriteLine("host catalog: none");
        }
        foreach (var account in report.Accounts)
        {
            o.WriteLine();
            o.WriteLine($"account {account.Udf} ({account.Kind.ToString().ToLowerInvariant()}{(account.IsValidUdf ? "" : ", NOT a valid UDF")})");
            foreach (var s in account.Stores)
                o.WriteLine($"  {s.Name,-18} {s.ContainerType ?? "?",-7} {s.Frames,6} frames  {Count(s),6} entries  {(s.Frames <= 1 ? "empty" : s.Encrypted ? s.Entries is null ? "encrypted (header level: no key)" : "encrypted (decrypted)" : "plaintext")}");
            foreach (var missing in account.MissingStores) o.WriteLine($"  {missing,-18} missing");
        }
        var problems = report.Findings.Where(f => f.Severity != Severity.Info).ToList();
        o.WriteLine();
        foreach (var f in problems) o.WriteLine(f);
        o.WriteLine(problems.Count == 0 ? "no problems found" :
            $"{problems.Count(f => f.Severity == Severity.Error)} error(s), {problems.Count(f => f.Severity == Severity.Warning)} warning(s)");
    }

    private static string Count(StoreSummary s) => s.Entries?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
