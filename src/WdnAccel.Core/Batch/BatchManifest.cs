using System.Globalization;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// A batch described instead of listed, as JSON: the same crossing as `batch plan`, read without writing a stream.
/// <code>{"manifest": "wdnaccel-batch", "job": "optimize", "scenarios": ["TLN.wdn", "HAN.wdn"],
///  "algorithms": ["de", "ga"], "replicates": 10, "demand_multipliers": [0.9, 1.0], "evaluations": 20000}</code>
/// Scenario paths are relative to the manifest's folder. `job` is the default job kind (`--job` overrides it).
/// Algorithms are checked when the manifest is read (an unknown one names the manifest and its field).
/// </summary>
public static class BatchManifest
{
    public const string FormatName = "wdnaccel-batch";

    /// <summary>True when <paramref name="path"/> is a JSON object with "manifest": "wdnaccel-batch".</summary>
    public static bool Is(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path)) return false;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("manifest", out var m)
                && m.ValueKind == JsonValueKind.String && m.GetString() == FormatName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The keys a manifest may hold; any other is refused (a misspelt key would silently take its default).</summary>
    public static readonly string[] Keys = ["manifest", "job", "scenarios", "algorithms", "replicates", "demand_multipliers", "evaluations"];

    /// <summary>
    /// The JSON syntax error of the .json file at <paramref name="path"/>, as bad input naming the file, line and byte;
    /// null when it parses (or is not a .json file).
    /// </summary>
    public static InvalidInputException? SyntaxError(string path)
    {
        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || !File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(StrictText.ReadJsonFile(path));
            return null;
        }
        catch (JsonException e)
        {
            return JsonSyntax.Invalid(e, path, lead: "not valid JSON (a batch manifest is a JSON object with \"manifest\": \"wdnaccel-batch\")");
        }
    }

    /// <summary>The plan options and default job kind of the manifest at <paramref name="path"/>.</summary>
    public static (BatchPlan.Options Options, BatchJobKind? Job) Read(string path)
    {
        if (SyntaxError(path) is { } syntax) throw syntax;
        using var doc = JsonDocument.Parse(StrictText.ReadJsonFile(path));
        var root = doc.RootElement;
        foreach (var property in root.EnumerateObject())
        {
            if (!Keys.Contains(property.Name, StringComparer.Ordinal))
                throw new InvalidInputException($"unknown key '{property.Name}'{NearestName.Hint(property.Name, Keys)}; a manifest's keys are {string.Join(", ", Keys)}", path, field: property.Name);
        }
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var scenarios = Strings(root, "scenarios", path).Select(s => Path.IsPathRooted(s) ? s : Path.Combine(folder, s)).ToList();
        var algorithms = root.TryGetProperty("algorithms", out _) ? BatchPlan.CheckAlgorithms(Strings(root, "algorithms", path), path, "algorithms") : [];
        int replicates = root.TryGetProperty("replicates", out var r) ? Int(r, "replicates", path) : 1;
        var multipliers = new List<double>();
        if (root.TryGetProperty("demand_multipliers", out var dm))
        {
            if (dm.ValueKind != JsonValueKind.Array) throw new InvalidInputException("expected an array of numbers", path, field: "demand_multipliers");
            foreach (var x in dm.EnumerateArray())
                multipliers.Add(x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw new InvalidInputException("expected numbers", path, field: "demand_multipliers"));
        }
        long? evaluations = root.TryGetProperty("evaluations", out var e) ? Int(e, "evaluations", path) : null;
        BatchJobKind? job = null;
        if (root.TryGetProperty("job", out var j))
        {
            job = j.ValueKind == JsonValueKind.String && Enum.TryParse<BatchJobKind>(j.GetString(), true, out var k) && Enum.IsDefined(k) ? k
                : throw new InvalidInputException("expected simulate, optimize, allocate, lp or paths", path, field: "job");
        }
        return (new BatchPlan.Options(scenarios, algorithms, replicates, multipliers, evaluations, Manifest: path), job);
    }

    private static List<string> Strings(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var a) || a.ValueKind != JsonValueKind.Array)
            throw new InvalidInputException("expected an array of strings", path, field: key);
        return a.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new InvalidInputException("expected strings", path, field: key)).ToList();
    }

    private static int Int(JsonElement e, string key, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int v) ? v
            : throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"expected a whole number, got {e.GetRawText()}"), path, field: key);
}
