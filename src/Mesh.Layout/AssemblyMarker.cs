namespace MeshConformance.Layout;
internal static class AssemblyMarker { }
