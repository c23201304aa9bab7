using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Scenario tokens from one value that MessagePack-CSharp decoded into <see cref="MessagePackTokens"/>.
/// <paramref name="where"/> turns a token's offset into text ("byte offset 1234"). A value cut short
/// (<see cref="MessagePackTokens.Error"/>) throws its error where the reader reaches the missing part.
/// </summary>
internal sealed class MessagePackTokenSource(MessagePackTokens tokens, Func<long, string> where) : ScenarioTokenSource
{
    private int _next;

    public bool IsAtEnd => _next >= tokens.Count;

    private ref readonly MessagePackToken Take() => ref tokens[Next()];

    /// <summary>The next token's index; past the last one, the error that cut the value short.</summary>
    private int Next()
    {
        if (_next >= tokens.Count) throw (Exception?)tokens.Error ?? new InvalidOperationException("the scenario reader read past the end of a complete value");
        return _next++;
    }

    public override MessagePackType PeekType() => tokens[Peek()].Type;
    public override string DescribeNext() => tokens[Peek()].Describe();
    public override long Mark() => tokens[Peek()].Offset;

    private int Peek()
    {
        int i = Next();
        _next--;
        return i;
    }
    public override (string? Offset, int? Line) Locate(long mark) => (where(mark), null);
    public override int ReadMapHeader() => Take().Count;
    public override int ReadArrayHeader() => Take().Count;
    public override string ReadString() => (string)Take().Object!;
    public override double ReadDouble() => Take().Double;
    public override bool ReadBoolean() => Take().Bits != 0;
    public override void ReadNil() => Next();

    public override long ReadInt64()
    {
        ref readonly var t = ref Take();
        if (!t.IsNegative && t.Bits > long.MaxValue) throw new InvalidInputException($"{where(t.Offset)}: integer {t.Bits} is out of range");
        return unchecked((long)t.Bits);
    }

    public override ulong ReadUInt64()
    {
        ref readonly var t = ref Take();
        if (t.IsNegative) throw new InvalidInputException($"{where(t.Offset)}: expected a non-negative integer, got {unchecked((long)t.Bits)}");
        return t.Bits;
    }
}
