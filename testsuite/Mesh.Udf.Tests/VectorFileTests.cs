using NUnit.Framework;

namespace MeshConformance.Tests.Udf;

public class VectorFileTests
{
    [Test]
    public void UdfVectorFileIsPresentAndNonEmpty() =>
        Assert.That(DraftVectors.Load("udf.json").Count(), Is.GreaterThan(20));
}
