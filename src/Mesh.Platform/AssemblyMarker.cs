namespace MeshConformance.Platform;
internal static class AssemblyMarker { }
