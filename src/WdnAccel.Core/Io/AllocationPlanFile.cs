using System.Text.Json;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Io;

/// <summary>
/// A multi-source allocation plan fixed by the user (`allocate SCENARIO --plan FILE`): JSON with
/// <c>"format": "wdnaccel-allocation-plan"</c>, <c>"version": 1</c>, a <c>name</c>, optional <c>plants</c> that change
/// the scenario's plants for this plan (<c>id</c> with <c>capacity</c>, <c>existing_capacity</c> in m³/d,
/// <c>intake_distance</c> km, <c>intake_difficulty</c>), and <c>allocation</c>: <c>{plant, unit, flow}</c> with the
/// net flow delivered in m³/d. Comments are allowed. Every problem names the file and the field.
/// </summary>
public sealed record AllocationPlanFile(string Name, IReadOnlyList<GraphNode> PlantChanges, IReadOnlyList<(string Plant, string Unit, double Flow)> Allocation)
{
    public const string Format = "wdnaccel-allocation-plan";

    public static AllocationPlanFile Load(string path)
    {
        var bytes = StrictText.ReadJsonFile(path);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, path);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidInputException("expected a JSON object", path);
            KnownKeys(root, RootKeys, path, "");
            if (String(root, "format", path, "format") != Format)
                throw new InvalidInputException($"format must be \"{Format}\"", path, field: "format");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
                throw new InvalidInputException("version must be 1", path, field: "version");
            string name = root.TryGetProperty("name", out _) ? String(root, "name", path, "name") : Path.GetFileNameWithoutExtension(path);

            var plants = new List<GraphNode>();
            if (root.TryGetProperty("plants", out var list))
            {
                foreach (var (item, k) in Items(list, path, "plants"))
                {
                    string at = $"plants[{k}]";
                    KnownKeys(item, PlantKeys, path, at + ".");
                    if (item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && plants.Any(p => p.Id == id.GetString()))
                        throw new InvalidInputException($"plant '{id.GetString()}' is listed twice; give each plant's changes once", path, field: at + ".id");
                    var node = new GraphNode(String(item, "id", path, at + ".id"), GraphNodeKind.Supply,
                        Capacity: OptionalNumber(item, "capacity", path, at) ?? double.NaN)
                    {
                        ExistingCapacity = OptionalNumber(item, "existing_capacity", path, at) ?? double.NaN,
                        IntakeDistance = OptionalNumber(item, "intake_distance", path, at) ?? double.NaN,
                        IntakeDifficulty = OptionalNumber(item, "intake_difficulty", path, at) ?? double.NaN,
                    };
                    plants.Add(node);
                }
            }
            if (!root.TryGetProperty("allocation", out var allocation)) throw new InvalidInputException("missing 'allocation'", path, field: "allocation");
            var flows = new List<(string, string, double)>();
            foreach (var (item, k) in Items(allocation, path, "allocation"))
            {
                string at = $"allocation[{k}]";
                KnownKeys(item, AllocationKeys, path, at + ".");
                flows.Add((String(item, "plant", path, at + ".plant"), String(item, "unit", path, at + ".unit"),
                    OptionalNumber(item, "flow", path, at) ?? throw new InvalidInputException("missing 'flow' (m³/d)", path, field: at + ".flow")));
            }
            return new AllocationPlanFile(name, plants, flows);
        }
    }

    private static readonly string[] RootKeys = ["format", "version", "name", "plants", "allocation"];
    private static readonly string[] PlantKeys = ["id", "capacity", "existing_capacity", "intake_distance", "intake_difficulty"];
    private static readonly string[] AllocationKeys = ["plant", "unit", "flow"];

    /// <summary>Refuses a key the format does not have: a misspelt "capcity" would otherwise leave the scenario's value
    /// in place and price another plan than the one written.</summary>
    private static void KnownKeys(JsonElement item, string[] keys, string file, string prefix)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!keys.Contains(property.Name, StringComparer.Ordinal))
                throw new InvalidInputException($"unknown key '{property.Name}'{NearestName.Hint(property.Name, keys)}; expected one of {string.Join(", ", keys)}", file, field: prefix + property.Name);
        }
    }

    /// <summary>The scenario's block with this plan's plant changes (NaN = keep the scenario's value).</summary>
    public GraphAllocationSpec Apply(GraphAllocationSpec spec, string file)
    {
        var nodes = spec.Nodes.ToList();
        for (int k = 0; k < PlantChanges.Count; k++)
        {
            var change = PlantChanges[k];
            int i = nodes.FindIndex(x => x.Id == change.Id && x.Kind == GraphNodeKind.Supply);
            if (i < 0) throw new InvalidInputException($"'{change.Id}' is not a water plant of the scenario", file, field: $"plants[{k}].id");
            var old = nodes[i];
            nodes[i] = old with
            {
                Capacity = double.IsNaN(change.Capacity) ? old.Capacity : change.Capacity,
                ExistingCapacity = double.IsNaN(change.ExistingCapacity) ? old.ExistingCapacity : change.ExistingCapacity,
                IntakeDistance = double.IsNaN(change.IntakeDistance) ? old.IntakeDistance : change.IntakeDistance,
                IntakeDifficulty = double.IsNaN(change.IntakeDifficulty) ? old.IntakeDifficulty : change.IntakeDifficulty,
            };
        }
        return spec with { Nodes = nodes };
    }

    /// <summary>The allocation as the model's plant × unit matrix (10⁴ m³/d); unknown ids are bad input naming the entry.</summary>
    public AllocationPlan ToPlan(MultiSourceModel model, string file)
    {
        var net = new double[model.Plants.Count, model.Units.Count];
        for (int k = 0; k < Allocation.Count; k++)
        {
            var (plant, unit, flow) = Allocation[k];
            int i = IndexOf(model.Plants, plant), j = IndexOf(model.Units, unit);
            if (i < 0) throw new InvalidInputException($"'{plant}' is not a water plant of the scenario", file, field: $"allocation[{k}].plant");
            if (j < 0) throw new InvalidInputException($"'{unit}' is not a demand unit of the scenario", file, field: $"allocation[{k}].unit");
            if (net[i, j] != 0 || Allocation.Take(k).Any(a => a.Plant == plant && a.Unit == unit))
                throw new InvalidInputException($"plant '{plant}' to unit '{unit}' is given twice; give each pair once", file, field: $"allocation[{k}]");
            net[i, j] = flow / MultiSourceModel.FlowUnit;
        }
        return new AllocationPlan(Name, net);
    }

    private static int IndexOf(IReadOnlyList<GraphNode> nodes, string id)
    {
        for (int i = 0; i < nodes.Count; i++) if (nodes[i].Id == id) return i;
        return -1;
    }

    private static IEnumerable<(JsonElement Item, int Index)> Items(JsonElement list, string file, string field)
    {
        if (list.ValueKind != JsonValueKind.Array) throw new InvalidInputException("expected an array", file, field: field);
        int k = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new InvalidInputException("expected an object", file, field: $"{field}[{k}]");
            yield return (item, k++);
        }
    }

    private static string String(JsonElement e, string key, string file, string field) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s : throw new InvalidInputException($"expected a non-empty string '{key}'", file, field: field);

    private static double? OptionalNumber(JsonElement e, string key, string file, string at)
    {
        if (!e.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double x) || !double.IsFinite(x) || x < 0)
            throw new InvalidInputException($"'{key}' must be a finite number ≥ 0", file, field: $"{at}.{key}");
        return x;
    }
}
