using System.Text.Json;

namespace MeshConformance.Cli.Output;

/// <summary>One indented JSON document on stdout, newline-terminated: the shape of every `--json` output.</summary>
public static class JsonStdout
{
    public static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true })) body(w);
        stdout.Write("\n"u8);
    }
}
