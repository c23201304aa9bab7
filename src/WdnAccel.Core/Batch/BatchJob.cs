using WdnAccel.Core.Model;

namespace WdnAccel.Core.Batch;

/// <summary>
/// One job of a batch: its id (a folder's file name, or a stream's scenario name), what it runs, the file it comes
/// from, its position in the input (the order of the result stream, whatever the shard), and for a `.wdnb` stream
/// the scenario itself, decoded when the job's turn comes.
/// </summary>
public sealed record BatchJob(string Id, BatchJobKind Kind, string File, int Index)
{
    public Scenario? Scenario { get; init; }
}
