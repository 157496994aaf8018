using MeshConformance.Core;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Writing;
using MeshConformance.Locking;
using Microsoft.Win32.SafeHandles;

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
    // Positional reads and writes on a handle (pread/pwrite): the frame goes exactly where the protocol says, with no
    // user-space buffer to flush and no file position to keep in step with other writers.
    private readonly SafeFileHandle file;
    private readonly ContainerWriter writer;
    private readonly AppendOptions options;

    private StoreAppender(SafeFileHandle file, string path, ContainerWriter writer, AppendOptions options)
    {
        this.file = file;
        Path = path;
        this.writer = writer;
        this.options = options;
    }

    public string Path { get; }

    /// <summary>The Index the next appended frame gets (as far as this writer knows; under the lock it is exact).</summary>
    public long NextIndex => writer.State.NextIndex;

    /// <summary>Torn tails this writer cut off (bytes), one entry per repair.</summary>
    public IReadOnlyList<long> Repairs => repairs;

    /// <summary>How long the last <see cref="Append"/> waited for the lock (zero without a lock).</summary>
    public TimeSpan LastLockWait { get; private set; }

    private readonly List<long> repairs = [];
    private readonly TailBytes tail = new();

    public static StoreAppender Open(string path, ContainerSettings settings, AppendOptions? options = null)
    {
        options ??= new AppendOptions();
        var full = System.IO.Path.GetFullPath(path);
        var file = File.OpenHandle(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            var appender = new StoreAppender(file, full, new ContainerWriter(settings), options);
            using (appender.Lease()) appender.CatchUp();
            return appender;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends one frame and returns its Index.</summary>
    public long Append(ReadOnlySpan<byte> plaintext, ContentMeta? meta = null, string? envelopeId = null)
    {
        // The only writer (no lock): nothing to gain from preparing ahead, and nothing to copy.
        if (options.Lock is null) return Write(writer.BuildNextFrame(plaintext, meta, envelopeId));
        // Hash and seal before taking the lock: other writers wait only for what depends on the frame's place.
        var prepared = writer.Prepare(plaintext, meta, envelopeId);
        using var lease = Lease();
        LastLockWait = lease?.Waited ?? TimeSpan.Zero;
        CatchUp();
        return Write(writer.BuildNextFrame(prepared));
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
        try
        {
            if (options.Lock is not null) CatchUp();
            var frame = writer.BuildNextFrame(plaintext, meta).Span;
            var keep = Math.Clamp((int)(frame.Length * fraction), 1, frame.Length - 1);
            RandomAccess.Write(file, frame[..keep], writer.State.EndOffset);
            Flush();
            return lease;
        }
        catch
        {
            lease?.Dispose(); // it failed before tearing anything: nobody is meant to die holding the lock
            throw;
        }
    }

    public void Dispose() => file.Dispose();

    private ILockLease? Lease() => options.Lock?.Acquire(options.LockTimeout);

    /// <summary>Writes a built frame at the end this writer knows (under the lock: the true end) and returns its Index.</summary>
    private long Write(ReadOnlyMemory<byte> frame)
    {
        var index = writer.State.NextIndex;
        var offset = writer.State.EndOffset;
        RandomAccess.Write(file, frame.Span, offset);
        writer.Commit(offset, frame.Length);
        Flush();
        return index;
    }

    // pwrite puts the bytes in the kernel at once, where other processes see them; only durability needs fsync.
    private void Flush()
    {
        if (options.Durable) RandomAccess.FlushToDisk(file);
    }

    /// <summary>
    /// Brings our view up to the file: the frames appended since our last look are added to the state; bytes after
    /// the last whole frame are a torn append (the lock is held, so nobody is writing them) and are cut off; an empty
    /// file gets frame 0.
    /// </summary>
    private void CatchUp()
    {
        var length = RandomAccess.GetLength(file);
        var state = writer.State;
        if (length < state.EndOffset) state.Clear(); // shorter than we saw it: someone cut it; learn it again
        if (length == 0)
        {
            var frame0 = writer.BuildFrame0();
            RandomAccess.Write(file, frame0.Span, 0);
            writer.Commit(0, frame0.Length);
            Flush();
            return;
        }
        if (length == state.EndOffset) return;
        using var streamed = tail.Load(file, state.EndOffset, length) ? null : new FileByteSource(Path);
        IByteSource source = (IByteSource?)streamed ?? tail;
        length = Math.Min(length, source.Length);
        var offset = state.EndOffset;
        while (offset < length)
        {
            var frame = WholeFrames.TryRead(source, offset, state.NextIndex, length, []);
            if (frame is null)
            {
                if (state.NextIndex == 0)
                    throw new MeshFormatException(FramingCodes.FrameTag, offset, $"{Path} does not start with a DARE frame; refusing to append to it");
                repairs.Add(length - offset);
                RandomAccess.SetLength(file, offset);
                Flush();
                return;
            }
            state.Add(offset, frame.Value.Length);
            offset = frame.Value.End;
        }
    }
}
