using MeshConformance.Platform.Stress;
using NUnit.Framework;

namespace MeshConformance.Tests.Platform;

public class LatencySummaryTests
{
    [Test]
    public void PercentilesAreNearestRank()
    {
        // 1..100: the 50th value is 50, the 99th is 99.
        var s = LatencySummary.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToList());
        Assert.That((s.Count, s.P50, s.P99, s.Max), Is.EqualTo((100, 50.0, 99.0, 100.0)));
    }

    [Test]
    public void OneValueIsEveryPercentileAndNoneIsZero()
    {
        Assert.That(LatencySummary.Of([7.0]), Is.EqualTo(new LatencySummary(1, 7, 7, 7)));
        Assert.That(LatencySummary.Of([]), Is.EqualTo(new LatencySummary(0, 0, 0, 0)));
    }
}
