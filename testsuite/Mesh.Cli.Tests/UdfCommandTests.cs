using NUnit.Framework;

namespace MeshConformance.Tests.Cli;

public class UdfCommandTests
{
    [Test]
    public void DigestReproducesTheDraftExample()
    {
        var vector = DraftVectors.ById("udf.json", "udf-content-sha2-512");
        var input = vector.GetProperty("input");
        var result = CliRunner.Run("udf", "digest", "--text", input.GetProperty("data_utf8").GetString()!, "--content-type", input.GetProperty("content_type").GetString()!, "--bits", "200");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stdout.Trim(), Is.EqualTo(vector.GetProperty("expected").GetProperty("udf_200_bits").GetString()));
    }

    [Test]
    public void CheckAcceptsTheRightContentAndRejectsOther()
    {
        var udf = DraftVectors.ById("udf.json", "udf-content-sha2-512").GetProperty("expected").GetProperty("udf_default").GetString()!;
        Assert.That(CliRunner.Run("udf", "check", udf, "--text", "UDF Data Value", "--content-type", "text/plain").ExitCode, Is.EqualTo(0));
        var wrong = CliRunner.Run("udf", "check", udf, "--text", "UDF Data Value!", "--content-type", "text/plain");
        Assert.That(wrong.ExitCode, Is.EqualTo(1));
        Assert.That(wrong.Stdout, Does.Contain("UDF-DIGEST-MISMATCH"));
    }

    [Test]
    public void LockNameIsTheMeasuredReferenceValue()
    {
        // Measured by running the reference implementation (issue 5).
        var result = CliRunner.Run("udf", "lock-name", "/home/alice/.Mesh/Profiles/host.dare");
        Assert.That(result.Stdout.Trim(), Is.EqualTo("MAJY-Q7FF-LMAL-ZVC4-NK3B-ZQZ7-NPO7-TIZD-G6LN-SUSJ-E476-ASWY-ZMDE-7HRA"));
    }
}
