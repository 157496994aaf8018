namespace MeshConformance.Catalogs;
internal static class AssemblyMarker { }
