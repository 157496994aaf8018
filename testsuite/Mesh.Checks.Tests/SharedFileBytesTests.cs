using System.Text;
using MeshConformance.Checks;
using NUnit.Framework;

namespace MeshConformance.Tests.Checks;

/// <summary>
/// The runner reads each container file once and hands the same bytes to the catalog reader and the verifier. That
/// changes how files are read, never the report: on every profile vector, and on copies with damaged, truncated,
/// emptied and replaced files, the report (every finding, every requirement's status, the counts) is the same as
/// when each reader opens and reads the file itself.
/// </summary>
public class SharedFileBytesTests
{
    private static IEnumerable<TestCaseData> ProfileVectors() => VectorCheckTests.ProfileVectors();

    [TestCaseSource(nameof(ProfileVectors))]
    public void ProfileVectorsGiveTheSameReport(string set, string id)
    {
        using var temp = new TempDirectory("shared-bytes");
        var root = temp.Sub(id);
        VectorCheckTests.Copy(RepositoryPaths.Vectors(set, id), root);
        VectorCheckTests.MakeKeysOwnerOnly(Path.Combine(root, "Keys"));
        AssertSameReport(root);
    }

    [Test]
    public void DamagedProfilesGiveTheSameReport()
    {
        var random = new Random(20261129);
        var vectors = ProfileVectors().Select(c => ((string)c.Arguments[0]!, (string)c.Arguments[1]!)).ToList();
        var damaging = 0;
        for (var round = 0; round < 24; round++)
        {
            var (set, id) = vectors[random.Next(vectors.Count)];
            using var temp = new TempDirectory("shared-bytes-damaged");
            var root = temp.Sub(id);
            VectorCheckTests.Copy(RepositoryPaths.Vectors(set, id), root);
            VectorCheckTests.MakeKeysOwnerOnly(Path.Combine(root, "Keys"));
            var containers = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".dcat", StringComparison.Ordinal) || f.EndsWith(".dare", StringComparison.Ordinal)).Order().ToList();
            for (var edits = random.Next(1, 5); edits > 0; edits--)
            {
                var file = containers[random.Next(containers.Count)];
                var bytes = File.ReadAllBytes(file);
                switch (random.Next(6))
                {
                    case 0: bytes = bytes[..random.Next(bytes.Length + 1)]; break;
                    case 1: bytes = []; break;
                    case 2: bytes = [.. bytes, .. Encoding.ASCII.GetBytes("trailing garbage")]; break;
                    default:
                        for (var flips = random.Next(1, 20); flips > 0 && bytes.Length > 0; flips--) bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                        break;
                }
                File.WriteAllBytes(file, bytes);
            }
            if (AssertSameReport(root).Findings.Any(f => f.Fails)) damaging++;
        }
        Assert.That(damaging, Is.GreaterThan(12), "the damage reaches the findings");
    }

    private static CheckReport AssertSameReport(string root)
    {
        var shared = CheckRunner.Run(root, null, null, shareFileBytes: true);
        var separate = CheckRunner.Run(root, null, null, shareFileBytes: false);
        Assert.That(Describe(shared), Is.EqualTo(Describe(separate)));
        return shared;
    }

    private static string Describe(CheckReport r)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join("|", r.Root, r.Dialect, r.Strict, r.FilesChecked, r.BytesChecked, r.Conformant));
        foreach (var f in r.Findings) text.AppendLine(f.ToString());
        foreach (var q in r.Requirements) text.AppendLine($"{q.Requirement.Id} {q.Status} {q.FindingCount}");
        foreach (var p in r.ExpectationProblems) text.AppendLine(p);
        return text.ToString();
    }
}
