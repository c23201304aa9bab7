namespace WdnAccel.Core.Batch;

/// <summary>How a batch runs its jobs: the batch seed (each job's seed derives from it and the job id), and the
/// optimizer settings that optimize jobs take where the scenario's solver block does not set them. With the job kind,
/// the backend, the shard and the version they make the run's <see cref="BatchRunSettings"/> (run.json).</summary>
public sealed record BatchSettings
{
    public ulong Seed { get; init; } = 1;
    /// <summary>Optimizer for optimize jobs, in canonical form (<see cref="BatchAlgorithms.Check"/>); null takes the scenario's, else DE.</summary>
    public string? Algorithm { get; init; }
    /// <summary>Evaluation budget of optimize jobs; null takes the scenario's, else 20,000.</summary>
    public long? Evaluations { get; init; }
    /// <summary>The --newton-steps mode the backend was made with (auto, loops, junctions): stated in run.json and
    /// compared on resume, since the two GGA forms agree only to rounding.</summary>
    public string NewtonSteps { get; init; } = "auto";
}
