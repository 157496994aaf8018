using MeshConformance.Core;

namespace MeshConformance.Cli;

/// <summary>Checks an input path before anything opens it: a FIFO would block the open, a device never ends.</summary>
public static class InputFiles
{
    public static string RequireRegularFile(string path)
    {
        var kind = FileKinds.Of(path);
        if (kind == FileKind.SymbolicLink)
        {
            // A symlink named on the command line is the user's explicit choice; follow it once, then check the target.
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null) throw new CliFailure($"{path}: dangling symbolic link");
            kind = FileKinds.Of(target);
        }
        return kind switch
        {
            FileKind.Regular => path,
            FileKind.Missing => throw new CliFailure($"{path}: no such file"),
            FileKind.Directory => throw new CliFailure($"{path}: is a directory, not a container file"),
            _ => throw new CliFailure($"{path}: is a {kind}, not a regular file; refusing to read it"),
        };
    }
}
