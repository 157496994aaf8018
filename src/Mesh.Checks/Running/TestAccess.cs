using System.Runtime.CompilerServices;

// The tests compare the runner with files read once and shared against each reader opening the file itself.
[assembly: InternalsVisibleTo("Mesh.Checks.Tests")]
