using System.Runtime.InteropServices;

namespace MeshConformance.Core;

/// <summary>What a directory entry is, without opening it (opening a FIFO for reading blocks until a writer comes).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>The platform does not let us tell (then only regular files and directories are trusted).</summary>
    Unknown,
}

/// <summary>
/// Classifies paths with lstat(2) on Linux and macOS, because .NET reports FIFOs and devices as "Normal"
/// files. The checker must never hang on a FIFO or read a device, so it asks before it opens anything.
/// </summary>
public static partial class FileKinds
{
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            var mode = UnixMode(path);
            if (mode < 0) return FileKind.Missing;
            return (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        return info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>The owner's user id (st_uid from lstat, so a symlink's own owner), or null where it cannot be told.</summary>
    public static int? UnixOwner(string path)
    {
        int uidOffset;
        if (OperatingSystem.IsMacOS()) uidOffset = 16;
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64) uidOffset = 28;
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64) uidOffset = 20;
        else return null;
        var buffer = LStatBuffer(path);
        return buffer is null ? null : BitConverter.ToInt32(buffer, uidOffset);
    }

    /// <summary>st_mode from lstat, or -1 when the path does not exist or cannot be examined.</summary>
    private static int UnixMode(string path)
    {
        // struct stat differs by platform; only the offsets of st_mode and st_uid matter here.
        int modeOffset;
        bool twoByteMode = false;
        if (OperatingSystem.IsMacOS()) { modeOffset = 4; twoByteMode = true; }
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64) modeOffset = 24;
        else if (OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64) modeOffset = 16;
        else return FallbackMode(path);
        byte[]? buffer;
        try
        {
            buffer = LStatBuffer(path);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FallbackMode(path);
        }
        if (buffer is null) return -1;
        return twoByteMode ? BitConverter.ToUInt16(buffer, modeOffset) : BitConverter.ToInt32(buffer, modeOffset);
    }

    private static byte[]? LStatBuffer(string path)
    {
        var buffer = new byte[512];
        return LStat(path, buffer) == 0 ? buffer : null;
    }

    private static int FallbackMode(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return 0xA000;
        if (Directory.Exists(path)) return 0x4000;
        return info.Exists ? 0x8000 : -1;
    }

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int LStat(string path, byte[] buffer);
}
