using System.Text;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Batch;

/// <summary>
/// Per-job random seeds and shard keys from the job id alone, never from thread count, shard or order, so the same
/// batch gives the same records on any machine split: FNV-1a (Fowler, Noll &amp; Vo) over the id's UTF-8 bytes, mixed
/// with the batch seed by SplitMix64 (Steele, Lea &amp; Flood 2014).
/// </summary>
public static class BatchSeeds
{
    public static ulong StableHash(string jobId)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(jobId))
        {
            h ^= b;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>The job's seed, a non-negative int (what --seed takes).</summary>
    public static int For(ulong batchSeed, string jobId)
    {
        var mix = new SplitMix64(batchSeed ^ StableHash(jobId));
        return (int)(mix.Next() >> 33);
    }
}
