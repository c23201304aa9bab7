using System.Text.Json;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Core.Tests.Hydraulics.Eps;

/// <summary>EPANET 2.2 (epanet-js) extended-period results from data/reference/eps/ (tools/epanet-reference/eps-reference.mjs).</summary>
public sealed class EpsReference
{
    public required string Name { get; init; }
    public required string InpPath { get; init; }
    public required JsonElement Root { get; init; }

    public static EpsReference Load(string name)
    {
        var root = JsonDocument.Parse(File.ReadAllText(RepoPaths.Data("reference", "eps", name + ".json"))).RootElement;
        string file = root.GetProperty("file").GetString()!;
        // Files from EPANET's distribution are bundled in data/networks; the hand-written ones live with the script.
        string path = file.Contains("data/networks", StringComparison.Ordinal)
            ? RepoPaths.Data("networks", Path.GetFileName(file))
            : RepoPaths.EpsNetwork(Path.GetFileName(file));
        return new EpsReference { Name = name, InpPath = path, Root = root };
    }

    public IEnumerable<JsonElement> Steps => Root.GetProperty("steps").EnumerateArray();

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(RepoPaths.Data("reference", "eps"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;
}
