using MeshConformance.Checks;
using MeshConformance.Core;
using MeshConformance.Reports;

namespace MeshConformance.Tests.Reports;

/// <summary>
/// Reports built by hand, with every case the writers must get right: unicode, markup and XML/HTML special
/// characters, a null file, offset -1, an expected failure, a requirement without findings, a control character, an
/// expectation problem, and a finding whose requirement is not in the list.
/// </summary>
internal static class SampleReports
{
    public static readonly DateTimeOffset Started = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.FromHours(2));
    public static readonly TimeSpan Duration = TimeSpan.FromMilliseconds(2718.28);

    public const string Root = "/srv/mesh roots/ålice #1";
    public const string ScriptMessage = "Lock name <script>alert(\"x\")</script> & 'quoted' differs";
    public const string UnicodeFile = "Profiles/ålice <&>.dare";
    public const string ControlMessage = "Key file holds a bell \u0007 and a 🔑 in [red]brackets[/]";

    public static readonly SpecReference Platform32 = new("draft-hallambaker-mesh-platform", "06", "3.2");
    public static readonly SpecReference Platform21 = new("draft-hallambaker-mesh-platform", "06", "2.1");
    public static readonly SpecReference DareFrame = new("draft-hallambaker-mesh-dare", "08", "4.1");
    public static readonly SpecReference Binding15 = new("bindings.md", "", "B-15");

    public static readonly Requirement AppendLock = new(
        "PLAT-3.2-APPEND-LOCK", RequirementLevel.Must, Platform32,
        "Appending to a catalog MUST hold the container's lock.", ["PLAT-LOCK-NAME"], true,
        Hint: "Use the mutex name the reference implementation derives from the path.",
        Quote: "The application MUST obtain the lock before appending.", Normative: true);

    public static readonly Requirement HostCatalog = new(
        "PLAT-2.1-HOST-CATALOG", RequirementLevel.Should, Platform21,
        "The host catalog SHOULD list every device connection.", ["PLAT-HOST-MISSING"], true);

    public static readonly Requirement TrailerLength = new(
        "DARE-FRAME-TRAILER-LEN", RequirementLevel.Must, DareFrame,
        "A frame trailer MUST have the length its header declares.", ["DARE-FRAME-TRAILER-LEN"], true,
        Hint: "Rewrite the frame.");

    public static readonly Requirement ChainDigest = new(
        "DARE-CHAIN-DIGEST", RequirementLevel.Must, DareFrame,
        "Chain digests MUST verify.", ["DARE-CHAIN-DIGEST"], true);

    public static readonly Requirement UdfFormat = new(
        "UDF-TEXT-FORMAT", RequirementLevel.May, Binding15,
        "A UDF MAY be written in lower case.", [], false);

    public static readonly Requirement JsonBFloat = new(
        "JSONB-FLOAT-64", RequirementLevel.Must, Binding15,
        "Binary floats MUST be IEEE 754 binary64.", ["JSONB-FLOAT"], true);

    public static readonly Requirement KeyPlaintext = new(
        "KEY-PLAINTEXT-SEED", RequirementLevel.Must, Binding15,
        "Private seeds MUST NOT be stored as plaintext in the profile.", [CheckCodes.KeyPlaintext], true,
        Hint: "Move the seed into the platform's key storage.");

    public static readonly CheckFinding LockFinding = new(
        AppendLock.Id, RequirementLevel.Must, Severity.Error, "PLAT-LOCK-NAME", UnicodeFile, 1234, 3,
        ScriptMessage, Platform32, "Hint with \"quotes\" & <angle> brackets", Fails: true);

    public static readonly CheckFinding LockInfo = new(
        AppendLock.Id, RequirementLevel.Must, Severity.Info, "PLAT-LOCK-DIALECT", UnicodeFile, 0, null,
        "Lock names follow the reference dialect.", Platform32, null, Fails: false);

    public static readonly CheckFinding HostWarning = new(
        HostCatalog.Id, RequirementLevel.Should, Severity.Warning, "PLAT-HOST-MISSING", "Profiles/host.dare", -1, null,
        "Device MDXX-1234 has no entry in the host catalog.", Platform21, null, Fails: false);

    public static readonly CheckFinding TrailerExpected = new(
        TrailerLength.Id, RequirementLevel.Must, Severity.Error, "DARE-FRAME-TRAILER-LEN", "Keys/κλειδί.dare", 0, 0,
        "Trailer is 12 bytes, header says 16.", DareFrame, null, Fails: true, Expected: true);

    public static readonly CheckFinding PlaintextKey = new(
        KeyPlaintext.Id, RequirementLevel.Must, Severity.Error, CheckCodes.KeyPlaintext, null, -1, null,
        ControlMessage, Binding15, "Move it.", Fails: true);

    public static readonly CheckFinding Unregistered = new(
        "CHECK-NOT-IN-REGISTRY", RequirementLevel.Must, Severity.Error, CheckCodes.UnmappedCode, "Profiles/x.dare", 7, null,
        "Code XYZ has no requirement.", Binding15, null, Fails: true);

    public const string ExpectationProblem = "DARE-OLD-ID is listed as a known failure but no longer fails.";

    /// <summary>A failing run with every kind of finding and status.</summary>
    public static CheckReport Mixed(string root = Root) => new()
    {
        Root = root,
        Dialect = "reference",
        ToolVersion = "1.4.0-test",
        Strict = false,
        Started = Started,
        Duration = Duration,
        FilesChecked = 12,
        BytesChecked = 1_234_567,
        Requirements =
        [
            new(AppendLock, RequirementStatus.Fail, 2),
            new(HostCatalog, RequirementStatus.Warn, 1),
            new(TrailerLength, RequirementStatus.ExpectedFail, 1),
            new(ChainDigest, RequirementStatus.Pass, 0),
            new(UdfFormat, RequirementStatus.NotAutomated, 0),
            new(JsonBFloat, RequirementStatus.Skipped, 0),
            new(KeyPlaintext, RequirementStatus.Fail, 1),
        ],
        Findings = [LockFinding, LockInfo, HostWarning, TrailerExpected, PlaintextKey, Unregistered],
        ExpectationProblems = [ExpectationProblem],
    };

    /// <summary>A clean run: nothing found, nothing expected.</summary>
    public static CheckReport Clean() => new()
    {
        Root = "/srv/clean",
        Dialect = "draft-06",
        ToolVersion = "1.4.0-test",
        Strict = true,
        Started = Started,
        Duration = TimeSpan.Zero,
        FilesChecked = 0,
        BytesChecked = 0,
        Requirements =
        [
            new(ChainDigest, RequirementStatus.Pass, 0),
            new(UdfFormat, RequirementStatus.NotAutomated, 0),
        ],
        Findings = [],
    };

    /// <summary>Every requirement of <see cref="Mixed"/> in registry order.</summary>
    public static IReadOnlyList<Requirement> MixedRequirements { get; } =
        [AppendLock, HostCatalog, TrailerLength, ChainDigest, UdfFormat, JsonBFloat, KeyPlaintext];

    public static byte[] Bytes(CheckReport report, ReportFormat format)
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(report, format, stream);
        return stream.ToArray();
    }

    public static string Text(CheckReport report, ReportFormat format) =>
        new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Bytes(report, format));
}
