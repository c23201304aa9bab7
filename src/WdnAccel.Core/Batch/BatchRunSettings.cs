using System.Globalization;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// The settings that made a batch run's results: written as run.json into --out before the first job runs, and
/// repeated as summary.json's "settings". A resumed run must have the same ones (<see cref="Differences"/>), so that a
/// folder never mixes the records of two settings; `batch merge` checks that its shards agree (the shard aside).
/// Compared, since each can change a record: the job kind, the batch seed, the --algorithm and --evaluations
/// overrides, the backend that ran (after `auto` chose), --newton-steps (the two GGA forms agree to rounding only), the
/// shard and the wdnaccel version. Stated but not compared: the input as given (a moved study folder may resume;
/// every finished job must still be one of the input's). Not stated: --threads and --json, which change no record.
/// </summary>
public sealed record BatchRunSettings(
    string Job, ulong Seed, string? Algorithm, long? Evaluations, string Backend, string NewtonSteps, string Shard, string Version, string Input)
{
    public const string FileName = "run.json";
    public const string FormatName = "wdnaccel-batch-run";

    public static BatchRunSettings Of(BatchInput input, BatchSettings settings, BatchShard shard, string backend) =>
        new(input.Kind.ToString().ToLowerInvariant(), settings.Seed, settings.Algorithm, settings.Evaluations, backend,
            settings.NewtonSteps.ToLowerInvariant(), shard.ToString(), ProductVersion.Text, Path.GetFullPath(input.Source));

    /// <summary>The settings as a JSON object (run.json's content, summary.json's "settings").</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteString("job", Job);
        w.WriteNumber("seed", Seed);
        if (Algorithm is null) w.WriteNull("algorithm"); else w.WriteString("algorithm", Algorithm);
        if (Evaluations is { } e) w.WriteNumber("evaluations", e); else w.WriteNull("evaluations");
        w.WriteString("backend", Backend);
        w.WriteString("newton_steps", NewtonSteps);
        w.WriteString("shard", Shard);
        w.WriteString("version", Version);
        w.WriteString("input", Input);
        w.WriteEndObject();
    }

    /// <summary>Writes run.json into <paramref name="folder"/> (temporary file + rename).</summary>
    public void Write(string folder)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) WriteTo(w);
        buffer.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(Path.Combine(folder, FileName), buffer.ToArray());
    }

    /// <summary>The run.json of <paramref name="folder"/>, or null when there is none.</summary>
    public static BatchRunSettings? Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var f) || f.GetString() != FormatName)
                throw new InvalidInputException($"expected a JSON object with \"format\": \"{FormatName}\" (the settings a batch run writes)", path);
            string Text(string key) => root.GetProperty(key).GetString() ?? throw new InvalidInputException("expected a string", path, field: key);
            var algorithm = root.GetProperty("algorithm");
            var evaluations = root.GetProperty("evaluations");
            return new BatchRunSettings(Text("job"), root.GetProperty("seed").GetUInt64(),
                algorithm.ValueKind == JsonValueKind.Null ? null : algorithm.GetString(),
                evaluations.ValueKind == JsonValueKind.Null ? null : evaluations.GetInt64(),
                Text("backend"), Text("newton_steps"), Text("shard"), Text("version"), Text("input"));
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, path, lead: "not a batch run's settings: not valid JSON");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException($"not a batch run's settings ({e.Message})", path);
        }
    }

    /// <summary>
    /// Each compared setting whose value differs from <paramref name="earlier"/>'s: the option that sets it, its value
    /// now and its value then. <paramref name="shard"/>: whether the shard counts (not between the shards of a merge).
    /// </summary>
    public IReadOnlyList<(string Option, string Now, string Then)> Differences(BatchRunSettings earlier, bool shard = true)
    {
        var inv = CultureInfo.InvariantCulture;
        const string Unset = "none (each scenario's)";
        var list = new List<(string, string, string)>();
        void Compare(string option, string now, string then)
        {
            if (now != then) list.Add((option, now, then));
        }
        Compare("--job", Job, earlier.Job);
        Compare("--seed", Seed.ToString(inv), earlier.Seed.ToString(inv));
        Compare("--algorithm", Algorithm ?? Unset, earlier.Algorithm ?? Unset);
        Compare("--evaluations", Evaluations?.ToString(inv) ?? Unset, earlier.Evaluations?.ToString(inv) ?? Unset);
        Compare("--backend", Backend, earlier.Backend);
        Compare("--newton-steps", NewtonSteps, earlier.NewtonSteps);
        if (shard) Compare("--shard", Shard, earlier.Shard);
        Compare("wdnaccel version", Version, earlier.Version);
        return list;
    }

    /// <summary>"--seed 7 now, 1 then; …", for an error message (<paramref name="now"/> and <paramref name="then"/> name the two runs).</summary>
    public static string Describe(IReadOnlyList<(string Option, string Now, string Then)> differences, string now = "now", string then = "then") =>
        string.Join("; ", differences.Select(d => $"{d.Option} {d.Now} {now}, {d.Then} {then}"));
}
