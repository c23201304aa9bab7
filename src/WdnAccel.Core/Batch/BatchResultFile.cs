using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Batch;

/// <summary>
/// A result stream, results.msgpack: records one after another, appended and flushed to disk as their jobs finish
/// (one at a time, or a packed group of simulate jobs at once), so a killed run loses at most the jobs in flight. MessagePack values delimit themselves; a record cut short by a kill
/// (a torn tail) fails to decode and is dropped when the stream is reopened to resume. Any MessagePack reader reads
/// the stream as a sequence of maps (Python: <c>msgpack.Unpacker(file)</c>).
/// </summary>
public sealed class BatchResultFile : IDisposable
{
    public const string FileName = "results.msgpack";

    private readonly FileStream _stream;

    private BatchResultFile(FileStream stream) => _stream = stream;

    /// <summary>Opens <paramref name="path"/> for appending after <paramref name="validLength"/> bytes (the torn tail, if any, is cut off).</summary>
    public static BatchResultFile OpenForAppend(string path, long validLength)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        stream.SetLength(validLength);
        stream.Seek(validLength, SeekOrigin.Begin);
        return new BatchResultFile(stream);
    }

    public void Append(BatchRecord record) => Append([record]);

    /// <summary>Appends the records, then flushes them to disk with one fsync.</summary>
    public void Append(IReadOnlyList<BatchRecord> records)
    {
        foreach (var record in records) _stream.Write(record.Encode());
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// The complete records of the stream at <paramref name="path"/> (none when it does not exist) and the length of
    /// the prefix they fill; a torn last record is left out. A record in the middle that is not a job map is an error.
    /// </summary>
    public static (List<BatchRecord> Records, long ValidLength, bool TornTail) Read(string path)
    {
        var records = new List<BatchRecord>();
        if (!File.Exists(path)) return (records, 0, false);
        using var values = new MessagePackValueStream(File.OpenRead(path), path);
        var tokens = new MessagePackTokens();
        long valid = 0;
        while (true)
        {
            var status = values.Next(tokens, null, out _, out long offset);
            if (status == MessagePackValueStatus.End) break;
            if (status == MessagePackValueStatus.TornTail) return (records, valid, true); // the stream ends inside this record: a torn write
            if (tokens.Error is { } error) throw error;
            int first = 0;
            var record = BatchRecord.From(MessagePackValue.FromTokens(tokens, ref first))
                ?? throw new InvalidInputException($"record {records.Count} (byte {offset}) is not a job result map with 'job' and 'status'", path, field: "results");
            records.Add(record);
            valid = values.Position;
        }
        return (records, valid, false);
    }
}
