using MeshConformance.Fuzz;
using SharpFuzz;

// The fuzzing entry point (tools/fuzz/fuzz.sh drives it):
//   Mesh.Fuzz list                      the targets
//   Mesh.Fuzz seeds VECTORS OUT         writes the seed corpus (OUT/<target>/<name>)
//   Mesh.Fuzz TARGET                    under libFuzzer (libfuzzer-sharpfuzz) or afl-fuzz: serves inputs until killed
//   Mesh.Fuzz TARGET FILE|DIR...        replays inputs (a crash found, a corpus); exit 1 if any input fails
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Mesh.Fuzz list | seeds VECTORS OUT | TARGET [FILE|DIR...]");
    return 2;
}
if (args[0] == "list")
{
    // Name, dictionaries (comma-separated, "-" for none), description: fuzz.sh reads the first two columns.
    foreach (var t in FuzzTargets.All)
        Console.WriteLine($"{t.Name,-16} {(t.Dictionaries.Count == 0 ? "-" : string.Join(',', t.Dictionaries)),-20} {t.Description}");
    return 0;
}
if (args[0] == "seeds")
{
    if (args.Length != 3)
    {
        Console.Error.WriteLine("usage: Mesh.Fuzz seeds VECTORS OUT");
        return 2;
    }
    var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
    foreach (var input in SeedCorpus.Build(args[1]))
    {
        var folder = Directory.CreateDirectory(Path.Combine(args[2], input.Target)).FullName;
        File.WriteAllBytes(Path.Combine(folder, input.Name), input.Data);
        counts[input.Target] = counts.GetValueOrDefault(input.Target) + 1;
    }
    foreach (var (name, count) in counts) Console.WriteLine($"{name,-16} {count} seeds");
    return 0;
}

var target = FuzzTargets.ByName(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; known: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is not null)
{
    Fuzzer.LibFuzzer.Run(span => target.Run(span));
    return 0;
}
if (Environment.GetEnvironmentVariable("__AFL_SHM_ID") is not null)
{
    Fuzzer.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

var files = args.Skip(1).SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
if (files.Count == 0)
{
    Console.Error.WriteLine("no input: give files or folders to replay (or run under libFuzzer / afl-fuzz)");
    return 2;
}
var failed = 0;
foreach (var file in files)
{
    try
    {
        target.Run(File.ReadAllBytes(file));
    }
    catch (Exception e)
    {
        failed++;
        Console.Error.WriteLine($"{file}: {e}");
    }
}
Console.WriteLine($"{target.Name}: {files.Count} inputs, {failed} failed");
return failed == 0 ? 0 : 1;
