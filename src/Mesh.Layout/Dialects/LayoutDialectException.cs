namespace MeshConformance.Layout;

/// <summary>
/// A dialect file is unreadable or breaks the schema (vectors/layouts/README.md). The message names the
/// file and the JSON path of the offending value, so it can be shown to a user as it is.
/// </summary>
public sealed class LayoutDialectException(string message, Exception? inner = null) : Exception(message, inner);
