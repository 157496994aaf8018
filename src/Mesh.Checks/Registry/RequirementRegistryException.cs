namespace MeshConformance.Checks;

/// <summary>
/// The requirement registry file is unreadable, not JSON, or breaks its schema (vectors/requirements.md). The message
/// names the file and the JSON path of the offending value so that whoever edits the file can go straight to it;
/// reports print the message, never a stack trace.
/// </summary>
public sealed class RequirementRegistryException : Exception
{
    public RequirementRegistryException(string file, string jsonPath, string problem, Exception? inner = null)
        : base($"{file}: {jsonPath}: {problem}", inner)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file (or embedded resource) that was being loaded.</summary>
    public string File { get; }

    /// <summary>Where in the document, e.g. <c>$.requirements[3].level</c>; <c>$</c> for the whole file.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
