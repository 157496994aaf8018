using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Keys.Stores;

/// <summary>
/// The macOS Keychain (bindings.md K-7): each key is a generic password item, service <c>org.mathematicalmesh</c>,
/// account the UDF, whose data is the tagged JOSE JSON, in the user's default (login) keychain;
/// <c>Keys/&lt;UDF&gt;</c> keeps a <see cref="KeyLocator"/>. Compiled everywhere; on other systems every operation
/// throws <see cref="PlatformNotSupportedException"/>.
/// </summary>
public sealed partial class KeychainKeyStore(string keysDirectory, string meshRoot) : IKeyStore
{
    public const string StoreName = "keychain";
    public const string Service = "org.mathematicalmesh";

    public string Name => StoreName;

    public string KeysDirectory { get; } = keysDirectory;

    public string MeshRoot { get; } = LockPaths.Canonical(meshRoot);

    public void Store(KeyToStore key)
    {
        if (!OperatingSystem.IsMacOS()) throw Unsupported();
        Native.Delete(key.Udf);
        Native.Add(key.Udf, key.JoseJson);
        new KeyLocator(StoreName, key.Udf, key.Tag, key.PublicSpki, [new("service", Service), new("account", key.Udf)], null).Write(KeysDirectory);
    }

    public byte[]? Locate(string udf) => OperatingSystem.IsMacOS() ? Native.Find(udf) : throw Unsupported();

    public bool Erase(string udf)
    {
        if (!OperatingSystem.IsMacOS()) throw Unsupported();
        var hadItem = Native.Delete(udf);
        var hadLocator = KeyLocator.Read(KeysDirectory, udf) is { Store: StoreName } && KeyStoreFiles.Erase(KeysDirectory, udf);
        return hadItem || hadLocator;
    }

    public IReadOnlyList<string> List() => OperatingSystem.IsMacOS() ? KeyLocator.List(KeysDirectory, StoreName) : throw Unsupported();

    public void Dispose() { }

    private static PlatformNotSupportedException Unsupported() => new("the Keychain key store exists only on macOS");

    /// <summary>Security.framework's SecItem calls with CoreFoundation dictionaries built from the framework's own constants.</summary>
    [SupportedOSPlatform("macos")]
    private static partial class Native
    {
        private const string SecurityFramework = "/System/Library/Frameworks/Security.framework/Security";
        private const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
        private const int ItemNotFound = -25300;
        private const int InteractionNotAllowed = -25308;
        private const uint Utf8 = 0x08000100;

        private static readonly nint Security = NativeLibrary.Load(SecurityFramework);
        private static readonly nint Cf = NativeLibrary.Load(CoreFoundation);

        /// <summary>The value of an exported CFTypeRef constant such as <c>kSecClass</c>.</summary>
        private static nint Constant(nint library, string name) => Marshal.ReadIntPtr(NativeLibrary.GetExport(library, name));

        public static void Add(string udf, byte[] json)
        {
            var data = CFDataCreate(0, json, json.Length);
            try
            {
                Check(WithQuery(udf, [(Constant(Security, "kSecValueData"), data)], query => SecItemAdd(query, 0)), "SecItemAdd", udf);
            }
            finally
            {
                CFRelease(data);
            }
        }

        public static byte[]? Find(string udf)
        {
            nint result = 0;
            var status = WithQuery(udf, [(Constant(Security, "kSecReturnData"), Constant(Cf, "kCFBooleanTrue")),
                (Constant(Security, "kSecMatchLimit"), Constant(Security, "kSecMatchLimitOne"))], query => SecItemCopyMatching(query, out result));
            if (status == ItemNotFound) return null;
            Check(status, "SecItemCopyMatching", udf);
            try
            {
                var bytes = new byte[CFDataGetLength(result)];
                Marshal.Copy(CFDataGetBytePtr(result), bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                CFRelease(result);
            }
        }

        public static bool Delete(string udf)
        {
            var status = WithQuery(udf, [], SecItemDelete);
            if (status == ItemNotFound) return false;
            Check(status, "SecItemDelete", udf);
            return true;
        }

        private static void Check(int status, string call, string udf)
        {
            if (status == 0) return;
            throw new KeyStoreException(status == InteractionNotAllowed
                ? $"Keychain {call} for {udf}: the keychain is locked and this store never prompts; unlock it first (security unlock-keychain)"
                : $"Keychain {call} for {udf} failed with OSStatus {status}");
        }

        /// <summary>Runs <paramref name="call"/> with the dictionary {class: generic password, service, account: UDF} plus <paramref name="extra"/>.</summary>
        private static int WithQuery(string udf, (nint Key, nint Value)[] extra, Func<nint, int> call)
        {
            var service = CFStringCreateWithCString(0, Service, Utf8);
            var account = CFStringCreateWithCString(0, udf, Utf8);
            var pairs = new (nint Key, nint Value)[]
            {
                (Constant(Security, "kSecClass"), Constant(Security, "kSecClassGenericPassword")),
                (Constant(Security, "kSecAttrService"), service),
                (Constant(Security, "kSecAttrAccount"), account),
            }.Concat(extra).ToArray();
            var query = CFDictionaryCreate(0, [.. pairs.Select(p => p.Key)], [.. pairs.Select(p => p.Value)], pairs.Length,
                NativeLibrary.GetExport(Cf, "kCFTypeDictionaryKeyCallBacks"), NativeLibrary.GetExport(Cf, "kCFTypeDictionaryValueCallBacks"));
            try
            {
                return call(query);
            }
            finally
            {
                CFRelease(query);
                CFRelease(account);
                CFRelease(service);
            }
        }

        [LibraryImport(SecurityFramework)]
        private static partial int SecItemAdd(nint attributes, nint result);

        [LibraryImport(SecurityFramework)]
        private static partial int SecItemCopyMatching(nint query, out nint result);

        [LibraryImport(SecurityFramework)]
        private static partial int SecItemDelete(nint query);

        [LibraryImport(CoreFoundation)]
        private static partial nint CFDictionaryCreate(nint allocator, nint[] keys, nint[] values, nint count, nint keyCallBacks, nint valueCallBacks);

        [LibraryImport(CoreFoundation, StringMarshalling = StringMarshalling.Utf8)]
        private static partial nint CFStringCreateWithCString(nint allocator, string value, uint encoding);

        [LibraryImport(CoreFoundation)]
        private static partial nint CFDataCreate(nint allocator, byte[] bytes, nint length);

        [LibraryImport(CoreFoundation)]
        private static partial nint CFDataGetLength(nint data);

        [LibraryImport(CoreFoundation)]
        private static partial nint CFDataGetBytePtr(nint data);

        [LibraryImport(CoreFoundation)]
        private static partial void CFRelease(nint value);
    }
}
