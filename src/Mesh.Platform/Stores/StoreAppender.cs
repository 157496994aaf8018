using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Reading;
using MeshConformance.Dare.Writing;

namespace MeshConformance.Platform.Stores;

/// <summary>
/// Appends frames to one container file: creates it with frame 0 when it is new or empty, otherwise learns the
/// existing frames' offsets with a forward walk, then writes each frame at the end and flushes it. This is the one
/// append path of the suite (the generator uses it; the locking binding wraps it).
/// </summary>
public sealed class StoreAppender : IDisposable
{
    private readonly FileStream stream;
    private readonly ContainerWriter writer;

    private StoreAppender(FileStream stream, ContainerWriter writer)
    {
        this.stream = stream;
        this.writer = writer;
    }

    public string Path => stream.Name;

    /// <summary>The Index the next appended frame gets.</summary>
    public long NextIndex => writer.State.NextIndex;

    public static StoreAppender Open(string path, ContainerSettings settings)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var writer = new ContainerWriter(settings);
            if (stream.Length == 0)
            {
                writer.WriteFrame0(stream);
                stream.Flush();
            }
            else
            {
                LoadState(path, writer.State);
                stream.Position = writer.State.EndOffset;
            }
            return new StoreAppender(stream, writer);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Appends one frame and returns its Index.</summary>
    public long Append(ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        var index = writer.Append(stream, plaintext, meta, envelopeId);
        stream.Flush();
        return index;
    }

    public void Dispose() => stream.Dispose();

    private static void LoadState(string path, AppendState state)
    {
        using var source = new FileByteSource(path);
        var findings = new List<Finding>();
        foreach (var frame in ContainerReader.ReadFrames(source, findings))
            state.Add(frame.Offset, frame.Layout.TotalLength);
        if (findings.Any(f => f.Severity == Severity.Error))
            throw new MeshFormatException(findings.First(f => f.Severity == Severity.Error).Code, -1,
                $"{path} is damaged; refusing to append to it: {findings.First(f => f.Severity == Severity.Error).Message}");
    }
}
