namespace WdnAccel.Core.Batch;

/// <summary>What a batch run did: jobs in its shard, run now, skipped as done by an earlier run, and by status.</summary>
public sealed record BatchOutcome(int Jobs, int Run, int Skipped, int Ok, int Infeasible, int Failed, bool DroppedTornTail);
