using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Joins the output folders of a batch's shards into one: every record once, in input order (the order an unsharded
/// run writes). Checked: every folder's run finished (its summary.json counts as many jobs as its shard has), the
/// folders are the shards 0..N−1 of one N, each once, and no job is in two folders; a torn tail is an error (resume
/// that shard first), and every shard was made with the same settings (run.json, <see cref="BatchRunSettings"/>: job
/// kind, seed, overrides, backend, version). Writes results.msgpack (whole, via temporary file + rename), run.json (the
/// shards' settings as the whole batch's, shard 0/1) and the summaries.
/// </summary>
public static class BatchMerge
{
    public static int Execute(IReadOnlyList<string> folders, string outFolder)
    {
        if (folders.Count == 0) throw new InvalidInputException("name the shard output folders to merge", field: "INPUT");
        // Checked before any shard is read: a merge never writes over a run's results, least of all a shard's own.
        BatchRun.CheckNotAFile(outFolder);
        if (BatchRun.HoldsResults(outFolder))
        {
            string full = Path.GetFullPath(outFolder).TrimEnd(Path.DirectorySeparatorChar);
            bool shard = folders.Any(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar) == full);
            throw new InvalidInputException(shard ? "is one of the shards being merged; choose another --out for the merged run"
                : "already holds a batch's results; choose another --out (a merge writes a new folder, it does not add to one)", outFolder, field: "--out");
        }
        var byJob = new Dictionary<string, (BatchRecord Record, string Folder)>(StringComparer.Ordinal);
        var shards = new Dictionary<int, string>();
        int shardCount = -1;
        BatchRunSettings? settings = null;
        string? settingsFolder = null;
        foreach (string folder in folders)
        {
            string path = Path.Combine(folder, BatchResultFile.FileName);
            if (!File.Exists(path)) throw new InvalidInputException("no results.msgpack: not a batch output folder", folder, field: "INPUT");
            var (records, _, torn) = BatchResultFile.Read(path);
            if (torn) throw new InvalidInputException("ends in a torn record (a killed run): run that shard again with --resume before merging", path, field: "INPUT");
            var (shard, jobsInShard) = ReadShard(folder);
            var these = BatchRunSettings.Read(folder)
                ?? throw new InvalidInputException($"no {BatchRunSettings.FileName} stating the settings that made its results (a run of an older wdnaccel): shards cannot be checked against each other", folder, field: "INPUT");
            if (settings is null)
            {
                settings = these;
                settingsFolder = folder;
            }
            else if (these.Differences(settings, shard: false) is { Count: > 0 } differences)
            {
                throw new InvalidInputException($"was made with other settings than {settingsFolder}: {BatchRunSettings.Describe(differences, "here", "there")}; merge the shards of one run", folder, field: "INPUT");
            }
            if (jobsInShard != records.Count)
                throw new InvalidInputException($"holds {records.Count} of its shard's {jobsInShard} jobs: finish it with --resume before merging", path, field: "INPUT");
            if (shardCount >= 0 && shard.Count != shardCount)
                throw new InvalidInputException($"is shard {shard}, the others are of {shardCount}: merge the shards of one --shard i/N split", folder, field: "INPUT");
            shardCount = shard.Count;
            if (!shards.TryAdd(shard.Index, folder))
                throw new InvalidInputException($"is shard {shard}, as {shards[shard.Index]} is", folder, field: "INPUT");
            foreach (var r in records)
            {
                if (byJob.TryGetValue(r.Job, out var other))
                    throw new InvalidInputException($"job '{r.Job}' is in both {other.Folder} and {folder}: shards must be disjoint (same input, --shard i/N with one N)", path, field: "INPUT");
                byJob[r.Job] = (r, folder);
            }
        }
        var missing = Enumerable.Range(0, shardCount).Where(i => !shards.ContainsKey(i)).ToList();
        if (missing.Count > 0)
            throw new InvalidInputException($"shard(s) {string.Join(", ", missing.Select(i => $"{i}/{shardCount}"))} missing: their jobs would be lost", field: "INPUT");
        OutputFolder.Prepare(outFolder, "--out");
        var ordered = byJob.Values.Select(v => v.Record).OrderBy(BatchRecordOrder.Key).ToList();
        AtomicFile.Write(Path.Combine(outFolder, BatchResultFile.FileName), temp =>
        {
            using var f = File.Create(temp);
            foreach (var r in ordered) f.Write(r.Encode());
        });
        var merged = settings! with { Shard = BatchShard.All.ToString() };
        merged.Write(outFolder);
        BatchSummary.Write(outFolder, ordered, settings: merged);
        return ordered.Count;
    }

    private static (BatchShard Shard, int JobsInShard) ReadShard(string folder)
    {
        string path = Path.Combine(folder, BatchSummary.JsonName);
        if (!File.Exists(path)) throw new InvalidInputException("no summary.json: that shard's run did not finish (run it again with --resume)", folder, field: "INPUT");
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            return (BatchShard.Parse(root.GetProperty("shard").GetString() ?? "", "shard"), root.GetProperty("jobs_in_shard").GetInt32());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidInputException($"not a batch summary ({e.Message})", path, field: "shard");
        }
    }
}
