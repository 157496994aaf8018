using MeshConformance.JsonB;

namespace MeshConformance.Platform.Keys;

/// <summary>
/// Key files in the reference's format (reference-platform.md §3.1): <c>Keys/&lt;UDF&gt;</c>, no extension, holding
/// tagged JOSE JSON in the reference's indented layout. Unlike the reference we write them atomically and with
/// owner-only permissions from the first byte, because the file holds a private key in plaintext.
/// </summary>
public static class KeyFiles
{
    /// <summary><c>{"PrivateKeyUDF":{…}}</c>: a profile or account seed (the reference stores the account's root secret this way).</summary>
    public static byte[] SeedFile(string zudfSeed, string keyType, bool exportable)
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginObject("PrivateKeyUDF");
        w.WriteBoolean("Exportable", exportable);
        w.WriteString("PrivateValue", zudfSeed);
        w.WriteString("KeyType", keyType);
        w.WriteString("AlgorithmEncrypt", "X448");
        w.WriteString("AlgorithmSign", "Ed448");
        w.EndObject();
        w.EndObject();
        return w.ToArray();
    }

    /// <summary><c>{"PrivateKeyECDH":{…}}</c>: an X448/Ed448 private key with its public half.</summary>
    public static byte[] PrivateKeyFile(MeshKeyPair key, bool exportable)
    {
        var w = new GoedelJsonWriter();
        w.BeginObject();
        w.BeginObject("PrivateKeyECDH");
        w.WriteBoolean("Exportable", exportable);
        w.WriteString("kid", key.Udf);
        w.WriteString("crv", key.Algorithm.ToString());
        w.WriteBinary("Public", key.PublicKey);
        w.WriteBinary("Private", key.PrivateKey);
        w.EndObject();
        w.EndObject();
        return w.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <c>directory/name</c>: a temporary file created owner-only (0600), flushed,
    /// then renamed into place, so no other user can ever read a partial or complete key and a crash leaves no torn key.
    /// </summary>
    public static void WriteOwnerOnly(string directory, string name, ReadOnlySpan<byte> content)
    {
        CreatePrivateDirectory(directory);
        var final = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, "." + name + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, final, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Creates a directory readable only by its owner (0700) on Unix.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
