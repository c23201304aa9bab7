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

    public override int Position { get => _next; set => _next = value; }

    /// <summary>The next token's index, consumed; past the last one, the error that cut the value short.</summary>
    private int Take()
    {
        if (_next >= tokens.Count) throw (Exception?)tokens.Error ?? new InvalidOperationException("the scenario reader read past the end of a complete value");
        return _next++;
    }

    private int Peek()
    {
        int i = Take();
        _next--;
        return i;
    }

    public override MessagePackType PeekType() => tokens.TypeAt(Peek());
    public override string DescribeNext() => tokens[Peek()].Describe();
    /// <summary>The next token's index: free to take, and turned into a byte offset only for an error message.</summary>
    public override long Mark() => _next;

    public override (string? Offset, int? Line) Locate(long mark) =>
        (where(tokens.Count == 0 ? 0 : tokens.OffsetAt((int)Math.Min(mark, tokens.Count - 1))), null);
    public override int ReadMapHeader() => (int)tokens.BitsAt(Take());
    public override int ReadArrayHeader() => (int)tokens.BitsAt(Take());
    public override string ReadString() => (string)tokens.ObjectAt(Take())!;
    public override double ReadDouble()
    {
        int i = Take();
        ulong bits = tokens.BitsAt(i);
        return tokens.TypeAt(i) == MessagePackType.Float ? BitConverter.UInt64BitsToDouble(bits)
            : tokens[i].IsNegative ? unchecked((long)bits) : (double)bits;
    }
    public override bool ReadBoolean() => tokens.BitsAt(Take()) != 0;
    public override void ReadNil() => Take();

    public override long ReadInt64()
    {
        var t = tokens[Take()];
        if (!t.IsNegative && t.Bits > long.MaxValue) throw new InvalidInputException($"{where(t.Offset)}: integer {t.Bits} is out of range");
        return unchecked((long)t.Bits);
    }

    public override ulong ReadUInt64()
    {
        var t = tokens[Take()];
        if (t.IsNegative) throw new InvalidInputException($"{where(t.Offset)}: expected a non-negative integer, got {unchecked((long)t.Bits)}");
        return t.Bits;
    }
}
