using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Runs the jobs of one shard of a batch into an output folder: results.msgpack (one record per job, appended and
/// flushed as each finishes), then summary.csv and summary.json. The result stream is the journal: with
/// <c>resume</c>, the jobs it holds complete records for are skipped (a torn last record is cut off) and the rest
/// run in the same order, so a killed and resumed run leaves the same stream, job for job, as one uninterrupted run.
/// Jobs run in input order, read from the input as their turn comes; the backend parallelizes inside each job, and
/// simulate jobs are solved up to <see cref="BatchSimulationPack.MaxJobs"/> at a time, one device batch per network
/// (a kill loses at most those in flight). The settings that make the records (<see cref="BatchRunSettings"/>) are
/// written to run.json before the first job runs; a resume with other settings is refused before any job runs, naming
/// each setting with its value now and then.
/// </summary>
public static class BatchRun
{
    public static BatchOutcome Execute(BatchInput input, string outFolder, BatchSettings settings, BatchShard shard, bool resume,
        IComputeBackend backend, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string results = Path.Combine(outFolder, BatchResultFile.FileName);
        PrepareFolder(outFolder, results, resume);
        var runSettings = BatchRunSettings.Of(input, settings, shard, backend.Name);
        if (resume && File.Exists(results) && new FileInfo(results).Length > 0) CheckSameSettings(outFolder, runSettings);
        var known = input.Ids.Where(shard.Contains).ToHashSet(StringComparer.Ordinal);
        int jobsInShard = known.Count;
        var (existing, validLength, torn) = BatchResultFile.Read(results);
        foreach (var r in existing)
        {
            if (!known.Contains(r.Job))
                throw new InvalidInputException($"holds a result for job '{r.Job}', which is not in this batch (or not in shard {shard}); resume with the same input and --shard", results, field: "--resume");
        }
        var done = existing.Select(r => r.Job).ToHashSet(StringComparer.Ordinal);
        if (done.Count != existing.Count) throw new InvalidInputException("holds a job twice", results, field: "--resume");
        runSettings.Write(outFolder); // checked: from here on the folder holds this run

        var sw = Stopwatch.StartNew();
        int run = 0, failed = existing.Count(r => r.Status == "failed");
        var all = new List<BatchRecord>(existing);
        using (var stream = BatchResultFile.OpenForAppend(results, validLength))
        {
            progress?.Report(new BatchProgress(done.Count, done.Count, failed, jobsInShard, sw.Elapsed));
            void Append(IReadOnlyList<BatchRecord> records)
            {
                stream.Append(records);
                foreach (var record in records)
                {
                    all.Add(record);
                    run++;
                    if (record.Status == "failed") failed++;
                }
                progress?.Report(new BatchProgress(done.Count + run, done.Count, failed, jobsInShard, sw.Elapsed));
            }

            // Simulate jobs wait in a pack until it is full, so that jobs of one network share a device batch.
            var pack = new BatchSimulationPack(settings, backend);
            foreach (var job in input.Jobs())
            {
                if (!known.Contains(job.Id) || done.Contains(job.Id)) continue;
                cancellationToken.ThrowIfCancellationRequested();
                if (job.Kind == BatchJobKind.Simulate)
                {
                    pack.Add(job);
                    if (pack.IsFull) Append(pack.Flush());
                    continue;
                }
                Append([BatchJobRunner.Run(job, settings, backend)]);
            }
            if (pack.Count > 0) Append(pack.Flush());
        }
        var ordered = all.OrderBy(BatchRecordOrder.Key).ToList();
        BatchSummary.Write(outFolder, ordered, shard, jobsInShard, runSettings);
        return new BatchOutcome(jobsInShard, run, done.Count, ordered.Count(r => r.Status == "ok"),
            ordered.Count(r => r.Status == "infeasible"), failed, torn);
    }

    /// <summary>Refuses to resume the results in <paramref name="folder"/> with settings other than those that made them.</summary>
    private static void CheckSameSettings(string folder, BatchRunSettings now)
    {
        string path = Path.Combine(folder, BatchRunSettings.FileName);
        var earlier = BatchRunSettings.Read(folder)
            ?? throw new InvalidInputException($"holds results but no {BatchRunSettings.FileName} stating the settings that made them (a run of an older wdnaccel), so this run's cannot be checked against them; run into another --out", folder, field: "--resume");
        var differences = now.Differences(earlier);
        if (differences.Count > 0)
            throw new InvalidInputException($"the results here were made with other settings, and resuming would mix two runs: {BatchRunSettings.Describe(differences)}. Resume with the run's settings, or choose another --out", path, field: differences[0].Option);
    }

    /// <summary>Checks the output folder before any job runs: writable, and not holding another run's results unless resuming.</summary>
    private static void PrepareFolder(string folder, string results, bool resume)
    {
        CheckNotAFile(folder);
        OutputFolder.Prepare(folder, "--out");
        if (!resume && HoldsResults(folder))
            throw new InvalidInputException("already holds a batch's results; pass --resume to continue that run, or choose another --out", folder, field: "--out");
    }

    /// <summary>Refuses an --out that names a file: a run or a merge writes a folder of files.</summary>
    internal static void CheckNotAFile(string folder)
    {
        if (File.Exists(folder))
            throw new InvalidInputException($"is a file; expected a folder (--out names the folder that receives {BatchRunSettings.FileName}, {BatchResultFile.FileName} and the summaries)", folder, field: "--out");
    }

    /// <summary>Whether <paramref name="folder"/> holds a run's results (a non-empty results.msgpack).</summary>
    internal static bool HoldsResults(string folder)
    {
        string results = Path.Combine(folder, BatchResultFile.FileName);
        return File.Exists(results) && new FileInfo(results).Length > 0;
    }
}
