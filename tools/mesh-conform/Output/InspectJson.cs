using System.Text.Json;
using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Verification;

namespace MeshConformance.Cli.Output;

/// <summary>
/// The machine-readable shape of `inspect --json` (schema version 1, documented in docs/cli.md).
/// Written with Utf8JsonWriter so the output is stable and the tool stays trimmable.
/// </summary>
public static class InspectJson
{
    public const int SchemaVersion = 1;

    public static void Write(Stream output, ContainerReport report)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", SchemaVersion);
        w.WriteString("file", report.Path);
        w.WriteNumber("fileLength", report.FileLength);
        w.WriteString("containerType", report.ContainerType?.ToString() ?? report.ContainerTypeText);
        w.WriteString("vocabulary", report.Vocabulary switch { DareVocabulary.Dare08 => "dare-08", DareVocabulary.Dare12 => "dare-12", _ => null });
        w.WriteString("dataEncoding", report.DataEncoding);
        w.WriteString("contentType", report.ContentType);
        w.WriteString("digestDialect", DialectName(report.DigestDialect));
        w.WriteString("treeDigestConvention", report.TreeConvention);
        w.WriteNumber("frameCount", report.FrameCount);
        w.WriteNumber("validEnd", report.ValidEnd);
        w.WriteBoolean("valid", report.IsValid);
        w.WriteStartArray("frames");
        foreach (var f in report.Frames) WriteFrame(w, f);
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var finding in report.Findings) WriteFinding(w, finding);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string DialectName(DigestDialect dialect) => dialect.ToString().ToLowerInvariant();

    public static string CheckName(DigestCheck check) => check.ToString().ToLowerInvariant();

    private static void WriteFrame(Utf8JsonWriter w, FrameReport f)
    {
        w.WriteStartObject();
        w.WriteNumber("ordinal", f.Ordinal);
        w.WriteNumber("offset", f.Offset);
        w.WriteNumber("length", f.Length);
        WriteNullable(w, "index", f.Index);
        WriteNullable(w, "treePosition", f.TreePosition);
        w.WriteBoolean("isMeta", f.IsMeta);
        w.WriteNumber("records", f.RecordCount);
        w.WriteNumber("payloadLength", f.PayloadLength);
        w.WriteString("trailer", f.Trailer switch { TrailerShape.Absent => "absent", TrailerShape.Empty => "empty", _ => "present" });
        w.WriteString("digestLocation", f.DigestLocation);
        w.WriteString("payloadDigest", CheckName(f.PayloadDigest));
        w.WriteString("chainDigest", CheckName(f.ChainDigest));
        w.WriteString("chainDialect", f.ChainDialect);
        w.WriteString("treeDigest", CheckName(f.TreeDigest));
        w.WriteString("treeConvention", f.TreeConvention);
        w.WriteBoolean("encrypted", f.Encrypted);
        w.WriteString("enc", f.EncryptionAlgorithm);
        w.WriteString("kid", f.KeyIdentifier);
        w.WriteString("salt", f.Salt is null ? null : Base64Url.Encode(f.Salt));
        w.WriteStartArray("recipients");
        foreach (var kid in f.RecipientKeyIdentifiers) w.WriteStringValue(kid);
        w.WriteEndArray();
        if (f.Decrypted is { } decrypted) w.WriteBoolean("decrypted", decrypted);
        else w.WriteNull("decrypted");
        if (f.Plaintext is not null) w.WriteString("plaintext", Base64Url.Encode(f.Plaintext));
        if (f.ContentMeta is { } meta)
        {
            w.WriteStartObject("contentMeta");
            WriteIfPresent(w, "uniqueId", meta.UniqueId);
            WriteIfPresent(w, "event", meta.Event);
            WriteIfPresent(w, "contentType", meta.ContentType);
            if (meta.First is { } first) w.WriteNumber("first", first);
            if (meta.Previous is { } previous) w.WriteNumber("previous", previous);
            WriteIfPresent(w, "messageType", meta.MessageType);
            WriteIfPresent(w, "created", meta.Created);
            WriteIfPresent(w, "filename", meta.Filename);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("contentMeta");
        }
        w.WriteEndObject();
    }

    public static void WriteFinding(Utf8JsonWriter w, Finding finding)
    {
        w.WriteStartObject();
        w.WriteString("code", finding.Code);
        w.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        if (finding.File is not null) w.WriteString("file", finding.File);
        w.WriteNumber("offset", finding.Offset);
        WriteNullable(w, "frame", finding.FrameIndex);
        w.WriteString("message", finding.Message);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteIfPresent(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }
}
