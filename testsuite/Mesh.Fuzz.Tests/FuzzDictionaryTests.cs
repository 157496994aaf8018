using System.Text.RegularExpressions;
using MeshConformance.Fuzz;
using NUnit.Framework;

namespace MeshConformance.Tests.Fuzz;

/// <summary>
/// The dictionaries each target names (FuzzTargets.All, which fuzz.sh reads) exist, every dictionary serves some
/// target, and every line is one libFuzzer/AFL dictionary entry — a malformed line makes libFuzzer refuse to start.
/// </summary>
public sealed class FuzzDictionaryTests
{
    private static string DictionaryFolder => Path.Combine(RepositoryPaths.Root, "tools", "fuzz", "dictionaries");

    // A quoted token: printable characters, with \\, \" and \xNN escapes (libFuzzer's ParseDictionaryFile).
    private static readonly Regex Entry = new("""^"(?:[\x20-\x21\x23-\x5B\x5D-\x7E]|\\\\|\\"|\\x[0-9A-Fa-f]{2})*"$""");

    [Test]
    public void Every_dictionary_a_target_names_exists_and_every_dictionary_is_used()
    {
        var named = FuzzTargets.All.SelectMany(t => t.Dictionaries).ToHashSet();
        var files = Directory.EnumerateFiles(DictionaryFolder, "*.dict").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.That(named, Is.SubsetOf(files), "a target names a dictionary that is not in tools/fuzz/dictionaries");
        Assert.That(files, Is.SubsetOf(named), "a dictionary no target uses");
    }

    private static IEnumerable<TestCaseData> Dictionaries() =>
        Directory.EnumerateFiles(DictionaryFolder, "*.dict").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"Entries({Path.GetFileName(f)})"));

    [TestCaseSource(nameof(Dictionaries))]
    public void Every_line_is_a_comment_or_one_quoted_entry(string file)
    {
        var lines = File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.That(lines, Is.Not.Empty);
        Assert.That(lines.Where(l => !Entry.IsMatch(l)), Is.Empty);
    }
}
