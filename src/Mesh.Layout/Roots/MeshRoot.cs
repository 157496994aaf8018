namespace MeshConformance.Layout;

/// <summary>
/// The Mesh root directory the reference would use (reference-platform.md §1.1): %APPDATA%\Mesh on Windows
/// (Roaming, not Local) and ~/.Mesh on Linux and macOS. The text comes from the dialect file; this class
/// only expands it. The platform and the environment are parameters so any platform's answer can be
/// computed (and tested) on any host.
/// </summary>
public static class MeshRoot
{
    /// <summary>The platform this process runs on (FreeBSD and other Unixes are treated as Linux, as the reference does).</summary>
    public static MeshPlatform CurrentPlatform =>
        OperatingSystem.IsWindows() ? MeshPlatform.Windows : OperatingSystem.IsMacOS() ? MeshPlatform.MacOS : MeshPlatform.Linux;

    /// <summary>
    /// The root for <paramref name="platform"/>, from <paramref name="dialect"/>'s roots (the reference dialect when null).
    /// %NAME% is looked up with <paramref name="environment"/>; a leading ~ is the home directory (HOME, or USERPROFILE on Windows).
    /// Throws <see cref="InvalidOperationException"/> naming the variable when it is unset or empty.
    /// </summary>
    public static string Default(MeshPlatform platform, Func<string, string?> environment, LayoutDialect? dialect = null)
    {
        dialect ??= LayoutDialects.Reference;
        var template = dialect.Roots[platform];
        var separator = platform == MeshPlatform.Windows ? '\\' : '/';
        var expanded = ExpandHome(template, platform, environment, separator);
        return ExpandVariables(expanded, environment);
    }

    /// <summary>The root for this process's platform and environment.</summary>
    public static string Default(LayoutDialect? dialect = null) =>
        Default(CurrentPlatform, Environment.GetEnvironmentVariable, dialect);

    /// <summary>An explicit directory always wins; otherwise the platform default.</summary>
    public static string Resolve(string? explicitDirectory, MeshPlatform platform, Func<string, string?> environment, LayoutDialect? dialect = null) =>
        string.IsNullOrEmpty(explicitDirectory) ? Default(platform, environment, dialect) : explicitDirectory;

    public static string Resolve(string? explicitDirectory, LayoutDialect? dialect = null) =>
        Resolve(explicitDirectory, CurrentPlatform, Environment.GetEnvironmentVariable, dialect);

    private static string ExpandHome(string template, MeshPlatform platform, Func<string, string?> environment, char separator)
    {
        if (template != "~" && !template.StartsWith("~/", StringComparison.Ordinal) && !template.StartsWith("~\\", StringComparison.Ordinal))
        {
            return template;
        }
        // The reference asks .NET for SpecialFolder.UserProfile, which is $HOME on Unix and %USERPROFILE% on Windows.
        var variable = platform == MeshPlatform.Windows ? "USERPROFILE" : "HOME";
        var home = Lookup(variable, environment).TrimEnd('/', '\\');
        var rest = template[1..].TrimStart('/', '\\').Replace('/', separator).Replace('\\', separator);
        return rest.Length == 0 ? home : home + separator + rest;
    }

    private static string ExpandVariables(string text, Func<string, string?> environment)
    {
        var result = new System.Text.StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('%', position);
            var close = open < 0 ? -1 : text.IndexOf('%', open + 1);
            if (close < 0)
            {
                result.Append(text, position, text.Length - position);
                break;
            }
            result.Append(text, position, open - position);
            var value = Lookup(text[(open + 1)..close], environment);
            // %APPDATA%\Mesh: the value's own trailing separator must not double the template's.
            var next = close + 1 < text.Length ? text[close + 1] : '\0';
            result.Append(next is '\\' or '/' ? value.TrimEnd('\\', '/') : value);
            position = close + 1;
        }
        return result.ToString();
    }

    private static string Lookup(string variable, Func<string, string?> environment)
    {
        var value = environment(variable);
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"cannot compute the Mesh root: environment variable {variable} is not set; give the directory explicitly")
            : value;
    }
}
