using WdnAccel.Core.Io.MessagePack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Scenario tokens to MessagePack. Tracks how many slots each open container still expects, so a schema
/// writer that announces the wrong count fails loudly instead of producing a corrupt file.
/// </summary>
internal sealed class MessagePackTokenSink(MessagePackWriter writer) : IScenarioTokenSink
{
    private readonly Stack<int> _slots = new();

    public void BeginMap(int count)
    {
        Consume();
        writer.WriteMapHeader(count);
        _slots.Push(2 * count);
    }

    public void EndMap() => Close();

    public void BeginArray(int count)
    {
        Consume();
        writer.WriteArrayHeader(count);
        _slots.Push(count);
    }

    public void EndArray() => Close();

    public void Key(string name)
    {
        Consume();
        writer.WriteString(name);
    }

    public void String(string value)
    {
        Consume();
        writer.WriteString(value);
    }

    public void Double(double value)
    {
        Consume();
        writer.WriteDouble(value);
    }

    public void Int64(long value)
    {
        Consume();
        writer.WriteInt64(value);
    }

    public void UInt64(ulong value)
    {
        Consume();
        writer.WriteUInt64(value);
    }

    public void Boolean(bool value)
    {
        Consume();
        writer.WriteBoolean(value);
    }

    public void Nil()
    {
        Consume();
        writer.WriteNil();
    }

    private void Consume()
    {
        if (_slots.Count == 0) return;
        int left = _slots.Pop();
        if (left == 0) throw new InvalidOperationException("scenario writer: more entries than the container header announced");
        _slots.Push(left - 1);
    }

    private void Close()
    {
        if (_slots.Pop() != 0) throw new InvalidOperationException("scenario writer: fewer entries than the container header announced");
    }
}
