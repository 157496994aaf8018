using NUnit.Framework;

namespace MeshConformance.Tests.JsonB;

/// <summary>
/// Test cases per draft vector, named by vector id. This stands in for
/// <c>DraftVectors.Cases</c>, which currently throws under NUnit 4.4 ("Argument display names
/// cannot be set when TestName is set": it calls SetName and SetArgDisplayNames together).
/// It uses the shared <c>DraftVectors.Load</c>, so the vectors are read the same way.
/// </summary>
public static class VectorCases
{
    public static IEnumerable<TestCaseData> JsonBcd(string kind)
    {
        foreach (var v in DraftVectors.Load("jsonbcd.json"))
        {
            if (v.GetProperty("kind").GetString() != kind) continue;
            yield return new TestCaseData(v).SetArgDisplayNames(v.GetProperty("id").GetString()!);
        }
    }
}
