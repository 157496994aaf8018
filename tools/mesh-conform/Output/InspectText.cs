using MeshConformance.Core;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Cli.Output;

/// <summary>The human-readable `inspect` listing: a summary, one line per frame, then the findings.</summary>
public static class InspectText
{
    public static void Write(TextWriter o, ContainerReport report)
    {
        o.WriteLine($"file            {report.Path}");
        o.WriteLine($"length          {report.FileLength} bytes, {report.FrameCount} frame(s)");
        o.WriteLine($"container type  {report.ContainerType?.ToString() ?? report.ContainerTypeText ?? "(unknown)"}" +
                    $"  vocabulary {(report.Vocabulary?.ToString() ?? "?")}  data encoding {report.DataEncoding ?? "(absent)"}" +
                    (report.ContentType is null ? "" : $"  cty {report.ContentType}"));
        o.WriteLine($"digest dialect  {InspectJson.DialectName(report.DigestDialect)}" + (report.TreeConvention is { } c ? $" (tree digest convention: {c})" : ""));
        o.WriteLine();
        o.WriteLine($"{"frame",6} {"offset",10} {"length",8} {"index",6} {"treepos",8} {"payload",8} {"pd",8} {"chain",8} {"tree",8} {"enc",4}  content meta");
        foreach (var f in report.Frames)
        {
            var meta = f.ContentMeta is { } m
                ? string.Join(" ", new[] { m.UniqueId is null ? null : "id=" + m.UniqueId, m.Event, m.ContentType is null ? null : "cty=" + m.ContentType,
                    m.First is null ? null : $"first={m.First}", m.Previous is null ? null : $"prev={m.Previous}", m.MessageType }.Where(x => x is not null))
                : "";
            o.WriteLine($"{f.Ordinal,6} {f.Offset,10} {f.Length,8} {Show(f.Index),6} {Show(f.TreePosition),8} {f.PayloadLength,8} " +
                        $"{Check(f.PayloadDigest),8} {Check(f.ChainDigest) + Suffix(f.ChainDialect),8} {Check(f.TreeDigest),8} " +
                        $"{(f.Encrypted ? (f.Decrypted == true ? "dec" : "yes") : "no"),4}  {meta}");
        }
        o.WriteLine();
        if (report.Findings.Count == 0) o.WriteLine("no findings");
        foreach (var finding in report.Findings) o.WriteLine(finding.ToString());
        o.WriteLine(report.IsValid ? "VALID" : "INVALID");
    }

    private static string Show(long? value) => value?.ToString() ?? "-";

    private static string Check(DigestCheck check) => check switch
    {
        DigestCheck.Verified => "ok",
        DigestCheck.Mismatch => "BAD",
        _ => "-",
    };

    private static string Suffix(string? dialect) => dialect switch
    {
        "reference" => "/ref",
        "draft" => "/draft",
        _ => "",
    };
}
