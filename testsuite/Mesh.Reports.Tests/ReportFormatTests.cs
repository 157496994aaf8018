using MeshConformance.Reports;
using NUnit.Framework;

namespace MeshConformance.Tests.Reports;

public class ReportFormatTests
{
    [TestCase("text", ReportFormat.Text)]
    [TestCase("JSON", ReportFormat.Json)]
    [TestCase(" junit ", ReportFormat.Junit)]
    [TestCase("Sarif", ReportFormat.Sarif)]
    [TestCase("html", ReportFormat.Html)]
    public void Parse_accepts_every_name_in_any_case(string name, ReportFormat expected)
    {
        Assert.That(ReportFormats.Parse(name), Is.EqualTo(expected));
    }

    [TestCase("xml")]
    [TestCase("")]
    [TestCase("jsonl")]
    public void Parse_rejects_unknown_names_and_lists_the_valid_ones(string name)
    {
        var error = Assert.Throws<FormatException>(() => ReportFormats.Parse(name))!;
        Assert.That(error.Message, Does.Contain($"'{name}'").And.Contain("text, json, junit, sarif, html"));
        Assert.That(ReportFormats.TryParse(name, out _), Is.False);
    }

    [Test]
    public void Names_round_trip()
    {
        foreach (var format in ReportFormats.All)
            Assert.That(ReportFormats.Parse(ReportFormats.Name(format)), Is.EqualTo(format));
        Assert.That(ReportFormats.All, Is.EquivalentTo(Enum.GetValues<ReportFormat>()));
    }

    [TestCase(ReportFormat.Json, "mesh-conform.json")]
    [TestCase(ReportFormat.Junit, "mesh-conform.junit.xml")]
    [TestCase(ReportFormat.Sarif, "mesh-conform.sarif")]
    [TestCase(ReportFormat.Html, "mesh-conform.html")]
    [TestCase(ReportFormat.Text, "mesh-conform.txt")]
    public void File_names_are_the_documented_ones(ReportFormat format, string fileName)
    {
        Assert.That(ReportFormats.FileName(format), Is.EqualTo(fileName));
    }

    [Test]
    public void Every_format_writes_utf8_without_bom_and_leaves_the_stream_open()
    {
        foreach (var format in ReportFormats.All)
        {
            using var stream = new MemoryStream();
            ReportWriter.Write(SampleReports.Mixed(), format, stream);
            Assert.That(stream.CanWrite, Is.True, ReportFormats.Name(format));
            var bytes = stream.ToArray();
            Assert.That(bytes, Is.Not.Empty, ReportFormats.Name(format));
            Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), ReportFormats.Name(format));
            Assert.DoesNotThrow(() => new System.Text.UTF8Encoding(false, true).GetString(bytes), ReportFormats.Name(format));
        }
    }

    [Test]
    public void WriteFile_replaces_an_existing_file()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, ReportFormats.FileName(ReportFormat.Json));
        File.WriteAllText(path, new string('x', 100_000));
        ReportWriter.WriteFile(SampleReports.Clean(), ReportFormat.Json, path);
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(SampleReports.Bytes(SampleReports.Clean(), ReportFormat.Json)));
    }
}
