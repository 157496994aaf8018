using MeshConformance.Layout;
using NUnit.Framework;

namespace MeshConformance.Tests.Layout.Tests;

public class MeshRootTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void WindowsUsesRoamingAppData() =>
        Assert.That(MeshRoot.Default(MeshPlatform.Windows, Environment(("APPDATA", @"C:\Users\alice\AppData\Roaming"), ("HOME", "/nope"))),
            Is.EqualTo(@"C:\Users\alice\AppData\Roaming\Mesh"));

    [Test]
    public void ATrailingSeparatorInTheVariableIsNotDoubled() =>
        Assert.That(MeshRoot.Default(MeshPlatform.Windows, Environment(("APPDATA", @"D:\Roaming\"))), Is.EqualTo(@"D:\Roaming\Mesh"));

    [TestCase(MeshPlatform.Linux)]
    [TestCase(MeshPlatform.MacOS)]
    public void UnixUsesDotMeshInHome(MeshPlatform platform) =>
        Assert.That(MeshRoot.Default(platform, Environment(("HOME", "/home/alice"), ("APPDATA", "/nope"))), Is.EqualTo("/home/alice/.Mesh"));

    [Test]
    public void BothDialectsGiveTheSameRoot()
    {
        var environment = Environment(("HOME", "/home/bob"));
        Assert.That(MeshRoot.Default(MeshPlatform.Linux, environment, LayoutDialects.Draft06),
            Is.EqualTo(MeshRoot.Default(MeshPlatform.Linux, environment, LayoutDialects.Reference)));
    }

    [Test]
    public void AnExplicitDirectoryWins()
    {
        Assert.That(MeshRoot.Resolve("/srv/mesh", MeshPlatform.Linux, Environment(("HOME", "/home/alice"))), Is.EqualTo("/srv/mesh"));
        Assert.That(MeshRoot.Resolve(null, MeshPlatform.Linux, Environment(("HOME", "/home/alice"))), Is.EqualTo("/home/alice/.Mesh"));
    }

    [Test]
    public void AnUnsetVariableIsAClearError() =>
        Assert.That(() => MeshRoot.Default(MeshPlatform.Windows, Environment()),
            Throws.InvalidOperationException.With.Message.Contains("APPDATA is not set"));
}
