using System.Runtime.CompilerServices;

// The FastCatalogRead* tests read each store with the fast header path on and off (CatalogReader.Read with fastHeaders) and compare.
[assembly: InternalsVisibleTo("Mesh.Catalogs.Tests")]
