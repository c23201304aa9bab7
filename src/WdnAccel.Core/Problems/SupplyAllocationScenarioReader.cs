using System.Globalization;
using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Reads the `supply` block of a scenario JSON file (`{"format":"wdnaccel-scenario","version":1,"name":…,
/// "supply":{sources, plants, zones, arcs, flow_unit, cost_unit}}`, snake_case keys of the model records) so
/// `wdnaccel allocate` works before the general scenario reader exists. Other blocks are ignored here; errors
/// name the file, line and field.
/// </summary>
public static class SupplyAllocationScenarioReader
{
    public static Scenario Read(string path) => Read(File.ReadAllBytes(path), path);

    public static Scenario Read(byte[] utf8, string? file = null)
    {
        var root = JsonTree.Parse(utf8, file);
        if (root.Kind != JsonValueKind.Object) throw new InvalidInputException("expected a scenario object", file, root.Line);
        if (root["format"] is { } fmt && fmt.Text != Scenario.FormatName)
            throw new InvalidInputException($"format is '{fmt.Text}', expected '{Scenario.FormatName}'", file, fmt.Line, "format");
        if (root["version"] is { } ver && ver.Text != Scenario.FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new InvalidInputException($"unsupported version {ver.Text} (this reader knows {Scenario.FormatVersion})", file, ver.Line, "version");
        var supply = root["supply"] ?? throw new InvalidInputException("the scenario has no 'supply' block", file, root.Line, "supply");
        if (supply.Kind != JsonValueKind.Object) throw new InvalidInputException("expected an object", file, supply.Line, "supply");

        var sources = Array(supply, "sources", file).Select((n, i) =>
            new SupplySource(Str(n, "id", file, $"supply.sources[{i}].id"), Num(n, "capacity", file, $"supply.sources[{i}].capacity"))).ToList();
        var plants = Array(supply, "plants", file).Select((n, i) =>
            new SupplyPlant(Str(n, "id", file, $"supply.plants[{i}].id"), Num(n, "capacity", file, $"supply.plants[{i}].capacity"),
                Num(n, "treatment_cost", file, $"supply.plants[{i}].treatment_cost"),
                n["min_throughput"] is { Kind: not JsonValueKind.Null } ? Num(n, "min_throughput", file, $"supply.plants[{i}].min_throughput") : null)).ToList();
        var zones = Array(supply, "zones", file).Select((n, i) =>
            new SupplyZone(Str(n, "id", file, $"supply.zones[{i}].id"), Num(n, "demand", file, $"supply.zones[{i}].demand"),
                n["quality_premium"] is { Kind: not JsonValueKind.Null } ? Num(n, "quality_premium", file, $"supply.zones[{i}].quality_premium") : 0)).ToList();
        var arcs = Array(supply, "arcs", file).Select((n, i) =>
            new SupplyArc(Str(n, "from", file, $"supply.arcs[{i}].from"), Str(n, "to", file, $"supply.arcs[{i}].to"),
                Num(n, "pumping_cost", file, $"supply.arcs[{i}].pumping_cost"),
                n["capacity"] is { Kind: not JsonValueKind.Null } ? Num(n, "capacity", file, $"supply.arcs[{i}].capacity") : null)).ToList();
        var spec = new SupplySpec
        {
            Sources = sources,
            Plants = plants,
            Zones = zones,
            Arcs = arcs,
            FlowUnit = supply["flow_unit"] is { Kind: JsonValueKind.String } fu ? fu.Text! : "ML/day",
            CostUnit = supply["cost_unit"] is { Kind: JsonValueKind.String } cu ? cu.Text! : "$",
        };
        // Semantic checks with the lines we still know.
        for (int i = 0; i < spec.Arcs.Count; i++)
        {
            var a = spec.Arcs[i];
            bool known(string id) => sources.Any(s => s.Id == id) || plants.Any(p => p.Id == id) || zones.Any(z => z.Id == id);
            var node = supply["arcs"]!.Items![i];
            if (!known(a.From)) throw new InvalidInputException($"unknown id '{a.From}'", file, node["from"]!.Line, $"supply.arcs[{i}].from");
            if (!known(a.To)) throw new InvalidInputException($"unknown id '{a.To}'", file, node["to"]!.Line, $"supply.arcs[{i}].to");
        }
        return new Scenario { Name = root["name"] is { Kind: JsonValueKind.String } nm ? nm.Text! : "", Supply = spec };
    }

    private static List<JsonTree> Array(JsonTree obj, string key, string? file)
    {
        var v = obj[key] ?? throw new InvalidInputException($"missing '{key}'", file, obj.Line, $"supply.{key}");
        if (v.Kind != JsonValueKind.Array) throw new InvalidInputException("expected an array", file, v.Line, $"supply.{key}");
        foreach (var item in v.Items!)
            if (item.Kind != JsonValueKind.Object) throw new InvalidInputException("expected an object", file, item.Line, $"supply.{key}[]");
        return v.Items!;
    }

    private static string Str(JsonTree obj, string key, string? file, string field)
    {
        var v = obj[key] ?? throw new InvalidInputException($"missing '{key}'", file, obj.Line, field);
        return v.Kind == JsonValueKind.String ? v.Text! : throw new InvalidInputException($"expected a string, found {v.Kind}", file, v.Line, field);
    }

    private static double Num(JsonTree obj, string key, string? file, string field)
    {
        var v = obj[key] ?? throw new InvalidInputException($"missing '{key}'", file, obj.Line, field);
        var r = LpJsonReader.Number(v, file, field);
        double d = r.ToDouble();
        if (r.Sign < 0) throw new InvalidInputException($"expected a number ≥ 0, found {v.Text}", file, v.Line, field);
        return d;
    }
}
