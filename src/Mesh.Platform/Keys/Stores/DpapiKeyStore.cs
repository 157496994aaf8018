using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// Windows DPAPI (bindings.md K-6): the key JSON is protected with <c>CryptProtectData</c> in user scope (only this
/// Windows user, on this machine or with a roaming profile, can unprotect it) with the UDF's UTF-8 as extra entropy,
/// so a blob copied to another key's name does not open; the blob itself is the locator's <c>Protected</c> field.
/// Compiled everywhere; on other systems every operation throws <see cref="PlatformNotSupportedException"/>.
/// </summary>
public sealed partial class DpapiKeyStore(string keysDirectory, string meshRoot) : IKeyStore
{
    public const string StoreName = "dpapi";

    public string Name => StoreName;

    public string KeysDirectory { get; } = keysDirectory;

    public string MeshRoot { get; } = LockPaths.Canonical(meshRoot);

    public void Store(KeyToStore key)
    {
        var blob = Protect(key.JoseJson, Entropy(key.Udf));
        new KeyLocator(StoreName, key.Udf, key.Tag, key.PublicSpki, [new("mesh-udf", key.Udf), new("mesh-root", MeshRoot)], blob).Write(KeysDirectory);
    }

    public byte[]? Locate(string udf)
    {
        RequireWindows();
        return KeyLocator.Read(KeysDirectory, udf) is { Store: StoreName } locator
            ? Unprotect(locator.Protected ?? throw new KeyStoreException($"{Path.Combine(KeysDirectory, udf)}: the DPAPI locator has no Protected blob"), Entropy(udf))
            : null;
    }

    /// <summary>The blob is the key (encrypted), so the locator is erased like a key file.</summary>
    public bool Erase(string udf)
    {
        RequireWindows();
        return KeyLocator.Read(KeysDirectory, udf) is { Store: StoreName } && KeyStoreFiles.Erase(KeysDirectory, udf);
    }

    public IReadOnlyList<string> List()
    {
        RequireWindows();
        return KeyLocator.List(KeysDirectory, StoreName);
    }

    public void Dispose() { }

    private static byte[] Entropy(string udf) => Encoding.UTF8.GetBytes(udf);

    private static void RequireWindows()
    {
        if (!OperatingSystem.IsWindows()) throw Unsupported();
    }

    private static PlatformNotSupportedException Unsupported() => new("the DPAPI key store exists only on Windows");

    private static byte[] Protect(byte[] data, byte[] entropy) =>
        OperatingSystem.IsWindows() ? Transform(data, entropy, protect: true) : throw Unsupported();

    private static byte[] Unprotect(byte[] data, byte[] entropy) =>
        OperatingSystem.IsWindows() ? Transform(data, entropy, protect: false) : throw Unsupported();

    [SupportedOSPlatform("windows")]
    private static byte[] Transform(byte[] data, byte[] entropy, bool protect)
    {
        var input = GCHandle.Alloc(data, GCHandleType.Pinned);
        var salt = GCHandle.Alloc(entropy, GCHandleType.Pinned);
        var output = default(DataBlob);
        try
        {
            var inBlob = new DataBlob(data.Length, input.AddrOfPinnedObject());
            var saltBlob = new DataBlob(entropy.Length, salt.AddrOfPinnedObject());
            var ok = protect
                ? CryptProtectData(in inBlob, null, in saltBlob, 0, 0, UiForbidden, out output)
                : CryptUnprotectData(in inBlob, 0, in saltBlob, 0, 0, UiForbidden, out output);
            if (!ok)
                throw new KeyStoreException($"DPAPI {(protect ? "CryptProtectData" : "CryptUnprotectData")} failed with Windows error {Marshal.GetLastPInvokeError()}" +
                    (protect ? "" : " (a blob protected by another user, another machine, or for another UDF)"));
            var result = new byte[output.Size];
            Marshal.Copy(output.Data, result, 0, output.Size);
            return result;
        }
        finally
        {
            input.Free();
            salt.Free();
            if (output.Data != 0)
            {
                // The unprotected key must not linger in freed memory.
                unsafe { new Span<byte>((void*)output.Data, output.Size).Clear(); }
                LocalFree(output.Data);
            }
        }
    }

    /// <summary>CRYPTPROTECT_UI_FORBIDDEN: fail instead of showing a dialog (this store serves unattended tools).</summary>
    private const int UiForbidden = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DataBlob(int size, nint data)
    {
        public readonly int Size = size;
        public readonly nint Data = data;
    }

    [LibraryImport("crypt32.dll", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CryptProtectData(in DataBlob dataIn, string? description, in DataBlob entropy, nint reserved, nint prompt, int flags, out DataBlob dataOut);

    [LibraryImport("crypt32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool CryptUnprotectData(in DataBlob dataIn, nint description, in DataBlob entropy, nint reserved, nint prompt, int flags, out DataBlob dataOut);

    [LibraryImport("kernel32.dll")]
    private static partial nint LocalFree(nint memory);
}
