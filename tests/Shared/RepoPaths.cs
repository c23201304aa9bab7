namespace WdnAccel.Tests.Shared;

/// <summary>
/// The repository (the folder holding WdnAccel.sln), found from the test's output folder, and its bundled data. One
/// source file, linked into every test and benchmark project.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    /// <summary>A hand-written extended-period network of the EPANET reference runs (tools/epanet-reference/networks/eps/).</summary>
    public static string EpsNetwork(string file) => Path.Combine(Root, "tools", "epanet-reference", "networks", "eps", file);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WdnAccel.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("WdnAccel.sln not found above " + AppContext.BaseDirectory);
    }
}
