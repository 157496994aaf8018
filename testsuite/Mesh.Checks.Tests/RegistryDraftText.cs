using System.Text.RegularExpressions;
using MeshConformance.Checks;

namespace MeshConformance.Tests.Checks;

/// <summary>One normative sentence of a draft and the section it is in.</summary>
internal sealed record NormativeStatement(string Section, string Sentence)
{
    /// <summary>The level its strongest keyword gives: MUST (NOT), REQUIRED, SHALL (NOT) → MUST; SHOULD (NOT), RECOMMENDED → SHOULD; MAY, OPTIONAL → MAY.</summary>
    public RequirementLevel Level =>
        Regex.IsMatch(Sentence, @"\b(MUST|REQUIRED|SHALL)\b") ? RequirementLevel.Must
        : Regex.IsMatch(Sentence, @"\b(SHOULD|RECOMMENDED)\b") ? RequirementLevel.Should
        : RequirementLevel.May;
}

/// <summary>
/// An independent, deliberately simple reading of a draft's text: sections from headings at column 0, paragraphs
/// between blank lines (a bullet starts a new one), sentences split after '.', '!' or '?', and a sentence is normative
/// when it holds an RFC 2119 keyword in upper case. The RFC 2119 paragraph and everything before the first section (the
/// IETF boilerplate) do not count.
/// </summary>
internal static partial class RegistryDraftText
{
    public static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>Whitespace runs collapsed to one space, so that a quote matches however the draft is wrapped.</summary>
    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    public static IReadOnlyList<NormativeStatement> NormativeStatements(string text)
    {
        var statements = new List<NormativeStatement>();
        string? section = null;
        string? title = null;
        var paragraph = new List<string>();

        void Flush()
        {
            if (paragraph.Count > 0 && section is not null && title != "Requirements Language")
            {
                foreach (var sentence in SentenceBreak().Split(Normalize(string.Join(' ', paragraph))))
                {
                    if (Keyword().IsMatch(sentence)) statements.Add(new NormativeStatement(section, sentence.Trim()));
                }
            }
            paragraph.Clear();
        }

        foreach (var line in text.Split('\n'))
        {
            if (PageFurniture().IsMatch(line)) continue;
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                Flush();
                section = heading.Groups["number"].Value;
                title = heading.Groups["title"].Value.Trim();
                continue;
            }
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            var content = line.Trim();
            var bullet = Bullet().Match(content);
            if (bullet.Success)
            {
                Flush();
                content = content[bullet.Length..];
            }
            paragraph.Add(content);
        }
        Flush();
        return statements;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<number>\d+(?:\.\d+)*)\.\s+(?<title>\S.*)$")]
    private static partial Regex Heading();

    // Page footers ("… [Page 4]") and running headers of the paginated rendering.
    [GeneratedRegex(@"\[Page\b|^\s+Mathematical Mesh Platform Configuration\s+\w+ \d{4}\s*$")]
    private static partial Regex PageFurniture();

    [GeneratedRegex(@"^[•*]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z""'(])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(MUST|SHOULD|MAY|REQUIRED|RECOMMENDED|OPTIONAL|SHALL)\b")]
    private static partial Regex Keyword();
}
