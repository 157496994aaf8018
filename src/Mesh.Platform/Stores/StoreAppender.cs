using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;

namespace MeshConformance.Platform.Stores;

/// <summary>How appends are made.</summary>
public sealed record AppendOptions
{
    /// <summary>The lock every append is made under (bindings.md ); null only for a writer that owns the file alone
    /// (the generator writing a fresh profile).</summary>
    public IMeshLock? Lock { get; init; }

    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>fsync every frame before the lock is released (a crash then loses no acknowledged append).</summary>
    public bool Durable { get; init; }
}

/// <summary>
/// Appends frames to one container file — the one append path of the suite. With a lock, every append follows the
/// protocol of platform-06 §3.2 done right (bindings.md X-6): take the lock; learn the true end of the file and the
/// frames other writers appended since our last look; cut off a torn tail a crashed writer left (never a complete
/// frame); create frame 0 if the file is empty; write the whole frame at the end; flush (and fsync when durable);
/// release. Readers need no lock to see new frames.
/// </summary>
public sealed class StoreAppender : IDisposable
{
    private readonly FileStream stream;
    private readonly ContainerWriter writer;
    private readonly AppendOptions options;

    private StoreAppender(FileStream stream, ContainerWriter writer, AppendOptions options)
    {
        this.stream = stream;
        this.writer = writer;
        this.options = options;
    }

    public string Path => stream.Name;

    /// <summary>The Index the next appended frame gets (as far as this writer knows; under the lock it is exact).</summary>
    public long NextIndex => writer.State.NextIndex;

    /// <summary>Torn tails this writer cut off (bytes), one entry per repair.</summary>
    public IReadOnlyList<long> Repairs => repairs;

    /// <summary>How long the last <see cref="Append"/> waited for the lock (zero without a lock).</summary>
    public TimeSpan LastLockWait { get; private set; }

    private readonly List<long> repairs = [];

    public static StoreAppender Open(string path, ContainerSettings settings, AppendOptions? options = null)
    {
        options ??= new AppendOptions();
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var appender = new StoreAppender(stream, new ContainerWriter(settings), options);
            using (appender.Lease()) appender.CatchUp();
            return appender;
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
        using var lease = Lease();
        LastLockWait = lease?.Waited ?? TimeSpan.Zero;
        if (options.Lock is not null) CatchUp();
        stream.Position = writer.State.EndOffset;
        var index = writer.Append(stream, plaintext, meta, envelopeId);
        Flush();
        return index;
    }

    /// <summary>
    /// For crash tests only: takes the lock, writes the first <paramref name="fraction"/> of the next frame (at least
    /// one byte, never all of it), flushes, and returns with the lock still held — the caller then kills its own
    /// process, leaving exactly the torn tail a writer that dies mid-append leaves. The lease is returned so that the
    /// lock stays held until the process dies.
    /// </summary>
    public ILockLease? AppendTorn(ReadOnlySpan<byte> plaintext, double fraction, ContentMeta? meta = null)
    {
        var lease = Lease();
        if (options.Lock is not null) CatchUp();
        var frame = writer.BuildNextFrame(plaintext, meta).Span;
        var keep = Math.Clamp((int)(frame.Length * fraction), 1, frame.Length - 1);
        stream.Position = writer.State.EndOffset;
        stream.Write(frame[..keep]);
        Flush();
        return lease;
    }

    public void Dispose() => stream.Dispose();

    private ILockLease? Lease() => options.Lock?.Acquire(options.LockTimeout);

    private void Flush()
    {
        if (options.Durable) stream.Flush(flushToDisk: true);
        else stream.Flush();
    }

    /// <summary>
    /// Brings our view up to the file: the frames appended since our last look are added to the state; bytes after
    /// the last whole frame are a torn append (the lock is held, so nobody is writing them) and are cut off; an empty
    /// file gets frame 0.
    /// </summary>
    private void CatchUp()
    {
        var length = stream.Length;
        var state = writer.State;
        if (length < state.EndOffset) state.Clear(); // shorter than we saw it: someone cut it; learn it again
        if (length == 0)
        {
            stream.Position = 0;
            writer.WriteFrame0(stream);
            Flush();
            return;
        }
        if (length == state.EndOffset) return;
        using var source = new FileByteSource(stream.Name);
        var offset = state.EndOffset;
        while (offset < length)
        {
            var frame = WholeFrames.TryRead(source, offset, state.NextIndex, length, []);
            if (frame is null)
            {
                if (state.NextIndex == 0)
                    throw new MeshFormatException(FramingCodes.FrameTag, offset, $"{stream.Name} does not start with a DARE frame; refusing to append to it");
                repairs.Add(length - offset);
                stream.SetLength(offset);
                Flush();
                return;
            }
            state.Add(offset, frame.Value.Length);
            offset = frame.Value.End;
        }
    }
}
