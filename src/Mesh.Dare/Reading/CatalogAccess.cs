using System.Runtime.CompilerServices;

// Catalog reading walks frames with the checking-mode reader (ReadCheckedFrames, CheckedFrame, RecordFacts):
// the same findings as ReadFrames without a JSON tree per header.
[assembly: InternalsVisibleTo("Mesh.Catalogs")]
