namespace WdnAccel.Core.Batch;

/// <summary>How a batch runs its jobs: the batch seed (each job's seed derives from it and the job id), and the
/// optimizer settings that optimize jobs take where the scenario's solver block does not set them.</summary>
public sealed record BatchSettings
{
    public long Seed { get; init; } = 1;
    /// <summary>Optimizer for optimize jobs; null takes the scenario's, else DE.</summary>
    public string? Algorithm { get; init; }
    /// <summary>Evaluation budget of optimize jobs; null takes the scenario's, else 20,000.</summary>
    public long? Evaluations { get; init; }
}
