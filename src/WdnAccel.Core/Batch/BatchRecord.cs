using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Batch;

/// <summary>
/// One job's result: a MessagePack map with string keys, `job` and `status` first, then the job's figures in a fixed
/// order (docs/batch.md). <see cref="Timing"/> keys hold the only values that differ between two runs of a batch.
/// </summary>
public sealed class BatchRecord
{
    public static readonly string[] Timing = ["seconds", "evaluations_per_second"];

    private readonly List<KeyValuePair<string, MessagePackValue>> _fields = [];

    public BatchRecord(string job, string status)
    {
        Add("job", job);
        Add("status", status);
    }

    private BatchRecord() { }

    public string Job => _fields[0].Value.AsString();
    public string Status => _fields[1].Value.AsString();
    public IReadOnlyList<KeyValuePair<string, MessagePackValue>> Fields => _fields;

    public MessagePackValue? this[string key] => _fields.FirstOrDefault(f => f.Key == key).Value;

    public BatchRecord Add(string key, MessagePackValue value)
    {
        _fields.Add(new(key, value));
        return this;
    }

    public BatchRecord Add(string key, string value) => Add(key, MessagePackValue.FromString(value));
    public BatchRecord Add(string key, long value) => Add(key, MessagePackValue.FromInt64(value));
    public BatchRecord Add(string key, double value) => Add(key, double.IsFinite(value) ? MessagePackValue.FromDouble(value) : MessagePackValue.Nil);
    public BatchRecord Add(string key, bool value) => Add(key, MessagePackValue.FromBoolean(value));

    public byte[] Encode() => MessagePackEncoding.Encode(_fields, static (ref MessagePack.MessagePackWriter w, List<KeyValuePair<string, MessagePackValue>> fields) =>
    {
        w.WriteMapHeader(fields.Count);
        foreach (var (key, value) in fields)
        {
            w.Write(key);
            value.WriteTo(ref w);
        }
    });

    /// <summary>The record without its <see cref="Timing"/> fields, encoded: equal for the same job in any run.</summary>
    public byte[] EncodeWithoutTimings()
    {
        var copy = new BatchRecord();
        foreach (var f in _fields.Where(f => !Timing.Contains(f.Key))) copy._fields.Add(f);
        return copy.Encode();
    }

    /// <summary>A record read back from a result stream; null when the value is not a map with string `job` and `status`.</summary>
    public static BatchRecord? From(MessagePackValue value)
    {
        if (value.Type != MessagePackType.Map) return null;
        var record = new BatchRecord();
        foreach (var (k, v) in value.AsMap())
        {
            if (k.Type != MessagePackType.String) return null;
            record._fields.Add(new(k.AsString(), v));
        }
        return record._fields.Count >= 2 && record._fields[0].Key == "job" && record._fields[1].Key == "status"
            && record._fields[0].Value.Type == MessagePackType.String ? record : null;
    }
}
