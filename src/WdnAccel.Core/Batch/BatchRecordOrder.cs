namespace WdnAccel.Core.Batch;

/// <summary>The order of records in results and summaries: the job's position in the input (an unsharded run's order), then its id.</summary>
public static class BatchRecordOrder
{
    public static (long Index, string Job) Key(BatchRecord record) =>
        (record["index"] is { Type: Io.Msgpack.MessagePackType.Integer } i ? i.AsInt64() : long.MaxValue, record.Job);
}
