using MeshConformance.Core;
using MeshConformance.Dare.IO;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using NUnit.Framework;

namespace MeshConformance.Tests.Dare;

/// <summary>The buffered file reader must see exactly the bytes of the file, walking forwards and backwards past its window.</summary>
public class FileByteSourceTests
{
    [Test]
    public void ContainerLargerThanTheReadWindowVerifiesTheSameFromFileAndMemory()
    {
        var payloads = Enumerable.Range(0, 6000).Select(i => Enumerable.Repeat((byte)i, 200 + i % 97).ToArray());
        var bytes = ContainerWriter.WriteAll(new ContainerSettings { Type = ContainerType.Merkle }, payloads);
        Assert.That(bytes.Length, Is.GreaterThan(3 * 256 * 1024), "the file must span several read windows");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var fromFile = ContainerVerifier.Verify(path);
            using var memory = new MemoryByteSource(bytes);
            var fromMemory = ContainerVerifier.Verify(memory);
            Assert.That(fromFile.FrameCount, Is.EqualTo(6001));
            Assert.That(fromFile.Findings.Where(f => f.Severity == Severity.Error), Is.Empty, string.Join("\n", fromFile.Findings));
            Assert.That(fromFile.Findings.Select(f => f.ToString()), Is.EqualTo(fromMemory.Findings.Select(f => f.ToString())));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void RandomReadsMatchTheFile()
    {
        var random = new Random(5);
        var bytes = new byte[1_000_000];
        random.NextBytes(bytes);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            using var source = new FileByteSource(path);
            var buffer = new byte[64];
            for (var i = 0; i < 2000; i++)
            {
                var offset = random.Next(0, bytes.Length - 64);
                Assert.That(source.TryReadExactly(offset, buffer), Is.True);
                Assert.That(buffer, Is.EqualTo(bytes.AsSpan(offset, 64).ToArray()), $"offset {offset}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
