using System.Runtime.CompilerServices;

// The FastCatalogRead* tests read each store with the fast header path on and off (CatalogReader.Read with fastHeaders) and compare.
[assembly: InternalsVisibleTo("Mesh.Catalogs.Tests")]
// The fuzz targets cross-check the fast entry reader against the entry parser on every input.
[assembly: InternalsVisibleTo("Mesh.FuzzTargets")]
