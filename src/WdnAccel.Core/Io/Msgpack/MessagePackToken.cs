namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// One MessagePack item in file order, as <see cref="MessagePackTokenizer"/> reads it: a scalar, or the header of
/// an array/map (<see cref="Count"/> elements or entries follow as further tokens). <see cref="Offset"/> is the byte
/// offset of the item within the value it was read from, for error messages.
/// </summary>
public readonly struct MessagePackToken
{
    public MessagePackToken(MessagePackType type, long offset, ulong bits = 0, object? obj = null, int count = 0, bool negative = false, bool single = false)
    {
        Type = type;
        Offset = offset;
        Bits = bits;
        Object = obj;
        Count = count;
        IsNegative = negative;
        IsSinglePrecision = single;
    }

    public MessagePackType Type { get; }
    public long Offset { get; }

    /// <summary>Integer (two's complement when negative), double bits, boolean 0/1, or timestamp nanoseconds.</summary>
    public ulong Bits { get; }

    /// <summary>A string, byte[], <see cref="MessagePackExtension"/> or boxed timestamp seconds.</summary>
    public object? Object { get; }

    /// <summary>Elements of an array, entries of a map.</summary>
    public int Count { get; }

    public bool IsNegative { get; }
    public bool IsSinglePrecision { get; }

    public double Double => Type == MessagePackType.Float ? BitConverter.UInt64BitsToDouble(Bits)
        : IsNegative ? unchecked((long)Bits) : (double)Bits;

    /// <summary>The token in words, for "expected X, got Y" messages.</summary>
    public string Describe() => Type switch
    {
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => Bits != 0 ? "true" : "false",
        MessagePackType.Integer => IsNegative ? $"integer {unchecked((long)Bits)}" : $"integer {Bits}",
        MessagePackType.Float => IsSinglePrecision ? "a float32" : "a float64",
        MessagePackType.String => "a string",
        MessagePackType.Binary => "binary data",
        MessagePackType.Array => "an array",
        MessagePackType.Map => "a map",
        MessagePackType.Timestamp => "a timestamp",
        _ => "an extension value",
    };
}
