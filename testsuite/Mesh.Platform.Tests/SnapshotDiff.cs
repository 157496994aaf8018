using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace MeshConformance.Tests.Platform;

/// <summary>
/// Readable differences between two versions of a golden file. DARE files are JSON headers around payloads, so
/// they are shown as text lines with every non-printable byte escaped; the diff keeps three lines of context.
/// </summary>
public static class SnapshotDiff
{
    public static string Describe(string name, byte[] expected, byte[] actual, int maxLines = 40)
    {
        var diff = InlineDiffBuilder.Diff(Render(expected), Render(actual));
        var lines = diff.Lines;
        var output = new StringBuilder($"--- {name} (committed, {expected.Length} bytes)\n+++ {name} (regenerated, {actual.Length} bytes)\n");
        var shown = 0;
        for (var i = 0; i < lines.Count && shown < maxLines; i++)
        {
            var nearChange = Enumerable.Range(Math.Max(0, i - 3), Math.Min(lines.Count, i + 4) - Math.Max(0, i - 3))
                .Any(j => lines[j].Type != ChangeType.Unchanged);
            if (!nearChange) continue;
            var prefix = lines[i].Type switch { ChangeType.Inserted => "+ ", ChangeType.Deleted => "- ", _ => "  " };
            output.Append(prefix).Append(lines[i].Text).Append('\n');
            shown++;
        }
        if (shown >= maxLines) output.Append("  … (more differences)\n");
        return output.ToString();
    }

    /// <summary>Bytes as text lines: printable ASCII as is, newlines as line breaks, anything else as \xNN.</summary>
    public static string Render(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b == (byte)'\n') text.Append('\n');
            else if (b is >= 0x20 and < 0x7F) text.Append((char)b);
            else text.Append($"\\x{b:x2}");
        }
        return text.ToString();
    }
}
