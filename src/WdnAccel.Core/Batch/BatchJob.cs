namespace WdnAccel.Core.Batch;

/// <summary>One job of a batch: its id (for a folder input, the file name), what it runs, and on which file.</summary>
public sealed record BatchJob(string Id, BatchJobKind Kind, string File);
