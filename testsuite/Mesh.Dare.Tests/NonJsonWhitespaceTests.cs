using System.Text;
using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Verification;
using MeshConformance.JsonB;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>
/// bindings.md J-10: form feed and backspace between the tokens of a header are skipped, as the reference skips them,
/// but with a warning. Found by the mutation campaign (testsuite/Mesh.Robustness.Tests, seed 7012000 and 7001050 of
/// reference-one-account): a header with a backspace where its line feed was verified without any finding, because
/// the header parser dropped the JSON reader's warning.
/// </summary>
public class NonJsonWhitespaceTests
{
    [TestCase("Merkle-dare12.dare", 0, (byte)0x08)]
    [TestCase("Merkle-dare12.dare", 1, (byte)0x0C)]
    [TestCase("Chain-dare08-encrypted.dare", 2, (byte)0x08)]
    public void ABackspaceOrFormFeedBetweenHeaderTokensIsAWarning(string file, int frameOrdinal, byte replacement)
    {
        var original = File.ReadAllBytes(RepositoryPaths.Vectors("golden", "containers-all-types", file));
        Assert.That(Verify(original).Findings.Where(f => f.Code == JsonBErrorCodes.NonJsonWhitespace), Is.Empty);

        var header = FrameScanner.ScanForward(new MemoryByteSource(original)).Frames[frameOrdinal].Header;
        var text = Encoding.UTF8.GetString(original, (int)header.DataOffset, (int)header.DataLength);
        var at = header.DataOffset + text.IndexOf(",\n", StringComparison.Ordinal) + 1; // the line feed after a member
        var mutant = (byte[])original.Clone();
        mutant[at] = replacement;

        var report = Verify(mutant);
        var warnings = report.Findings.Where(f => f.Code == JsonBErrorCodes.NonJsonWhitespace).ToList();
        Assert.That(warnings.Select(f => (f.Severity, f.Offset, f.FrameIndex)), Is.EqualTo(new[] { (Severity.Warning, at, (long?)frameOrdinal) }),
            string.Join("\n", report.Findings));
        Assert.That(report.IsValid, Is.True, "a SHOULD-level deviation: the header still means what it meant");
    }

    private static ContainerReport Verify(byte[] bytes) => ContainerVerifier.Verify(new MemoryByteSource(bytes));
}
