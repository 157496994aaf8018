using System.Diagnostics;
using System.Text;
using MeshConformance.Udf;

namespace MeshConformance.Tests.Layout.Tests;

/// <summary>A directory tree built by hand under the system temp directory and removed afterwards.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "mesh-layout-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public TempTree Dir(string relative)
    {
        Directory.CreateDirectory(PathOf(relative));
        return this;
    }

    /// <summary>Writes a short file (creating its directory); content is irrelevant to the layout check.</summary>
    public TempTree File(string relative, string content = "x")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        System.IO.File.WriteAllText(PathOf(relative), content);
        return this;
    }

    public TempTree Symlink(string relative, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        System.IO.File.CreateSymbolicLink(PathOf(relative), target);
        return this;
    }

    public TempTree Fifo(string relative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [PathOf(relative)]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("mkfifo failed");
        return this;
    }

    public void Dispose()
    {
        // Directory.Delete removes symbolic links without following them.
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A UDF of the kind the reference names accounts and keys by: the 140-bit fingerprint of some key bytes.</summary>
    public static string Udf(string seed) => UDF.PkixKeyFingerprint(Encoding.UTF8.GetBytes("key info " + seed));

    public static readonly string[] ReferenceUserStores =
    [
        "MMM_Credential.dcat", "MMM_Contact.dcat", "MMM_Task.dcat", "MMM_Bookmark.dcat", "MMM_Network.dcat",
        "MMM_Application.dcat", "MMM_Device.dcat", "MMM_Publication.dcat",
        "MMM_Inbound.dcat", "MMM_Outbound.dcat", "MMM_Local.dcat", "MMM_Archive.dcat",
    ];

    /// <summary>What the reference writes for one user account (no MMM_Access: it is created lazily).</summary>
    public TempTree ReferenceUser(string udf, params string[] leaveOut)
    {
        File("Profiles/host.dare").Dir("Keys").File($"Keys/{udf}");
        foreach (var store in ReferenceUserStores.Except(leaveOut)) File($"Profiles/{udf}/{store}");
        return this;
    }

    /// <summary>The draft-06 layout for one account, in the Mesh root.</summary>
    public TempTree DraftAccount(string udf) =>
        File("host.dare").File($"{udf}.dcat").File($"{udf}/CatalogApplication.dcat").File($"{udf}/CatalogContact.dcat");
}
