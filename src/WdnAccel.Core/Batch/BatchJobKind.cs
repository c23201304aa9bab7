namespace WdnAccel.Core.Batch;

/// <summary>What a batch job runs: the same work as the verb of that name.</summary>
public enum BatchJobKind
{
    Simulate,
    Optimize,
    Allocate,
    Lp,
    Paths,
}
