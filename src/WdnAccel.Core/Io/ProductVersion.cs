using System.Reflection;

namespace WdnAccel.Core.Io;

/// <summary>
/// wdnaccel's version as `--version`, the help heading and every report state it: the release (major.minor.patch) and,
/// for a build from a git checkout, "+" and the commit the SDK stamps into every assembly of the build (its
/// SourceRevisionId), so two reports from different commits never read alike.
/// </summary>
public static class ProductVersion
{
    public static string Text { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProductVersion).Assembly.GetName().Version?.ToString(3) ?? "0";
}
