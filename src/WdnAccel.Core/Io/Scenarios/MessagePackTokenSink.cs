using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Scenario tokens into a <see cref="MessagePackTokens"/> list that MessagePack-CSharp then writes in one pass
/// (<see cref="MessagePackTokens.WriteTo"/>). Tracks how many slots each open container still expects, so a schema
/// writer that announces the wrong count fails loudly instead of producing a corrupt file.
/// </summary>
internal sealed class MessagePackTokenSink(MessagePackTokens tokens) : IScenarioTokenSink
{
    private readonly Stack<int> _slots = new();

    public void BeginMap(int count)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Map, 0, count: count));
        _slots.Push(2 * count);
    }

    public void EndMap() => Close();

    public void BeginArray(int count)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Array, 0, count: count));
        _slots.Push(count);
    }

    public void EndArray() => Close();

    public void Key(string name)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.String, 0, obj: name));
    }

    public void String(string value)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.String, 0, obj: value));
    }

    public void Double(double value)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Float, 0, BitConverter.DoubleToUInt64Bits(value)));
    }

    public void Int64(long value)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Integer, 0, unchecked((ulong)value), negative: value < 0));
    }

    public void UInt64(ulong value)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Integer, 0, value));
    }

    public void Boolean(bool value)
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Boolean, 0, value ? 1UL : 0UL));
    }

    public void Nil()
    {
        Consume();
        tokens.Add(new MessagePackToken(MessagePackType.Nil, 0));
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
