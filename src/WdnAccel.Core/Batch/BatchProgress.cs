namespace WdnAccel.Core.Batch;

/// <summary>Where a batch run stands: jobs done (this run, and skipped as already done), failures, jobs in this shard, time so far.</summary>
public readonly record struct BatchProgress(int Done, int Skipped, int Failed, int Total, TimeSpan Elapsed)
{
    /// <summary>Jobs per second over this run's own jobs.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? (Done - Skipped) / Elapsed.TotalSeconds : 0;

    /// <summary>Time left at the current rate, or null before the first job of this run finished.</summary>
    public TimeSpan? Remaining => Rate > 0 ? TimeSpan.FromSeconds((Total - Done) / Rate) : null;
}
