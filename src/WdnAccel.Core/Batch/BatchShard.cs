using System.Globalization;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Part <see cref="Index"/> of <see cref="Count"/> disjoint parts of a batch, by a stable hash of the job id (so a job
/// belongs to the same shard whatever the other jobs are): `--shard i/N`, or Slurm's SLURM_ARRAY_TASK_ID and
/// SLURM_ARRAY_TASK_COUNT when a job array runs the batch.
/// </summary>
public sealed record BatchShard(int Index, int Count)
{
    public static BatchShard All { get; } = new(0, 1);

    public bool Contains(string jobId) => Count == 1 || (int)(BatchSeeds.StableHash(jobId) % (ulong)Count) == Index;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"i/N" with 0 ≤ i &lt; N.</summary>
    public static BatchShard Parse(string text, string field = "--shard")
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && i < n)
            return new BatchShard(i, n);
        throw new InvalidInputException($"expected i/N with 0 <= i < N (e.g. 0/4), got '{text}'", field: field);
    }

    /// <summary>The shard a Slurm job array assigns (task ids counted from the array's minimum), or null outside one.</summary>
    public static BatchShard? FromSlurm(Func<string, string?> environment)
    {
        string? id = environment("SLURM_ARRAY_TASK_ID"), count = environment("SLURM_ARRAY_TASK_COUNT");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(count)) return null;
        int min = int.TryParse(environment("SLURM_ARRAY_TASK_MIN"), CultureInfo.InvariantCulture, out int m) ? m : 0;
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out int task) || !int.TryParse(count, CultureInfo.InvariantCulture, out int n))
            throw new InvalidInputException($"SLURM_ARRAY_TASK_ID='{id}', SLURM_ARRAY_TASK_COUNT='{count}' are not numbers", field: "SLURM_ARRAY_TASK_ID");
        return Parse($"{task - min}/{n}", "SLURM_ARRAY_TASK_ID");
    }
}
