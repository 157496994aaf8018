using System.Text;
using MeshConformance.Checks;
using MeshConformance.Layout;
using MeshConformance.Platform.Stress;
using NUnit.Framework;

namespace MeshConformance.Tests.Fuzz;

/// <summary>
/// What each bug the fuzzers found now does instead (docs/robustness.md lists them): the documented error, with a
/// message a person can act on, rather than another exception.
/// </summary>
public sealed class FuzzFindingTests
{
    [Test]
    public void An_adapter_reply_with_a_duplicate_member_is_an_adapter_failure()
    {
        // JsonObject accepted the line and threw ArgumentException at the first member lookup, outside the stress
        // runner's handling: one broken adapter reply ended the whole run.
        var e = Assert.Throws<AdapterFailure>(() => AdapterReplies.ParseLine("""{"ok":true,"types":["Merkle"],"types":["List"]}"""));
        Assert.That(e!.Message, Does.Contain("not a JSON object").And.Contain("types"));
    }

    [Test]
    public void A_layout_dialect_with_invalid_utf8_in_a_string_is_a_dialect_error()
    {
        // JsonDocument checks UTF-8 only when a string is read, and threw InvalidOperationException from there.
        var json = Encoding.UTF8.GetBytes("""{"schema":1,"id":"x""").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var e = Assert.Throws<LayoutDialectException>(() => LayoutDialects.Parse(json, "bad.json"));
        Assert.That(e!.Message, Does.Contain("bad.json").And.Contain("UTF-8").And.Contain("byte 20"));
    }

    [Test]
    public void A_seed_file_whose_seed_is_for_another_algorithm_gets_findings_not_an_exception()
    {
        // The udf-10 derivation threw InvalidOperationException ("seed is for Ed25519, not Ed448") out of the key
        // checks, so `check` stopped on such a key file. Now only the reference's derivation is tried, and the file
        // is reported like any other key file whose name does not match.
        var seed = "ZAAA-GAAR-IJGE-Z3S5-G3YF-3XMP-GHN5-7COI-IBFC-G5U3-GQBM";
        var file = Encoding.UTF8.GetBytes("{\"PrivateKeyUDF\": {\"PrivateValue\": \"" + seed + "\", \"AlgorithmSign\": \"Ed448\"}}");
        var findings = KeyFileChecks.Content(file, "MDXX-NOT-THIS-KEY", "Keys/MDXX-NOT-THIS-KEY");
        Assert.That(findings.Select(f => f.Code), Has.Some.StartsWith("KEY-"));
        Assert.That(findings.Select(f => f.Code), Has.None.EqualTo("KEY-UNPARSABLE"), "the file is a well-formed seed file");
    }
}
