using System.Security.Cryptography;
using System.Text.Json;

namespace MeshConformance.Platform.Vectors;

/// <summary>A finding a vector must produce: its code, and the file (relative to the vector's directory) when it concerns one.</summary>
public sealed record ExpectedFinding(string Code, string? File = null);

public sealed record VectorFile(string Path, long Length, string Sha256);

/// <summary>
/// One vector of a manifest, in the spirit of Wycheproof's test groups: what it is, which files make it, how it
/// was made, and what a checker must report (<see cref="Result"/> plus the exact findings, by code and file).
/// Every warning or error finding a checker reports must be listed; informational findings need not be.
/// </summary>
public sealed record VectorEntry(
    string Id,
    string Description,
    string Kind,
    string Result,
    IReadOnlyList<ExpectedFinding> Findings,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<VectorFile> Files);

public sealed record VectorManifest(string Set, string Description, IReadOnlyList<VectorEntry> Vectors)
{
    public const int Schema = 1;

    /// <summary>Bump when the generator's output changes on purpose, so a manifest says which generator made it.</summary>
    public const string GeneratorVersion = "mesh-conform vectors generator 1";

    public const string RegenerateCommand = "dotnet run --project tools/mesh-conform -- vectors generate --out vectors";

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", Schema);
            w.WriteString("set", Set);
            w.WriteString("description", Description);
            w.WriteString("source", GeneratorVersion);
            w.WriteString("regenerate", RegenerateCommand);
            w.WriteStartArray("vectors");
            foreach (var v in Vectors)
            {
                w.WriteStartObject();
                w.WriteString("id", v.Id);
                w.WriteString("description", v.Description);
                w.WriteString("kind", v.Kind);
                w.WriteString("result", v.Result);
                w.WriteStartObject("parameters");
                foreach (var (name, value) in v.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(name, value);
                w.WriteEndObject();
                w.WriteStartArray("expectedFindings");
                foreach (var f in v.Findings)
                {
                    w.WriteStartObject();
                    w.WriteString("code", f.Code);
                    if (f.File is not null) w.WriteString("file", f.File);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("files");
                foreach (var f in v.Files)
                {
                    w.WriteStartObject();
                    w.WriteString("path", f.Path);
                    w.WriteNumber("length", f.Length);
                    w.WriteString("sha256", f.Sha256);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; a malformed one is a <see cref="VectorManifestException"/> naming what is wrong.</summary>
    public static VectorManifest Parse(ReadOnlySpan<byte> json, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("schema").GetInt32() != Schema) throw new VectorManifestException($"{origin}: schema {root.GetProperty("schema")} is not {Schema}");
            var vectors = root.GetProperty("vectors").EnumerateArray().Select(v => new VectorEntry(
                v.GetProperty("id").GetString()!,
                v.GetProperty("description").GetString()!,
                v.GetProperty("kind").GetString()!,
                v.GetProperty("result").GetString()!,
                v.GetProperty("expectedFindings").EnumerateArray()
                    .Select(f => new ExpectedFinding(f.GetProperty("code").GetString()!, f.TryGetProperty("file", out var file) ? file.GetString() : null)).ToList(),
                v.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                v.GetProperty("files").EnumerateArray()
                    .Select(f => new VectorFile(f.GetProperty("path").GetString()!, f.GetProperty("length").GetInt64(), f.GetProperty("sha256").GetString()!)).ToList()))
                .ToList();
            return new VectorManifest(root.GetProperty("set").GetString()!, root.GetProperty("description").GetString()!, vectors);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new VectorManifestException($"{origin}: not a valid vector manifest: {e.Message}");
        }
    }

    /// <summary>The files of a vector directory, sorted, with '/' separators, lengths and SHA-256.</summary>
    public static List<VectorFile> Describe(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: System.IO.Path.GetRelativePath(directory, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => new VectorFile(f.Relative, new FileInfo(f.Full).Length, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f.Full)))))
            .ToList();
}

public sealed class VectorManifestException(string message) : Exception(message);
