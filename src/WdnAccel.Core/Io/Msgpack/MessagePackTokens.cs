using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// A reusable, growable list of <see cref="MessagePackToken"/>s holding one decoded value (a scenario map, a result
/// record). Readers index it directly; reuse across values keeps decoding of a long stream free of per-value arrays.
/// </summary>
public sealed class MessagePackTokens
{
    private MessagePackToken[] _items = new MessagePackToken[256];

    public int Count { get; private set; }

    /// <summary>
    /// Set when the value could not be read to its end: the tokens before the problem are kept, and a reader that
    /// walks past them meets this error, so it can say which field was being read (`pipes[3].length`).
    /// </summary>
    public InvalidInputException? Error { get; set; }

    public ref readonly MessagePackToken this[int index] => ref _items[index];

    public void Add(in MessagePackToken token)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = token;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, Count); // drop string references so a long batch does not pin old scenarios
        Count = 0;
        Error = null;
    }

    /// <summary>Writes the tokens in order: containers as headers, scalars in the form they were read or added in.</summary>
    public void WriteTo(ref Lib.MessagePackWriter writer)
    {
        for (int i = 0; i < Count; i++)
        {
            ref readonly var t = ref _items[i];
            switch (t.Type)
            {
                case MessagePackType.Nil: writer.WriteNil(); break;
                case MessagePackType.Boolean: writer.Write(t.Bits != 0); break;
                case MessagePackType.Integer:
                    if (t.IsNegative) writer.Write(unchecked((long)t.Bits)); else writer.Write(t.Bits);
                    break;
                case MessagePackType.Float:
                    if (t.IsSinglePrecision) writer.Write((float)t.Double); else writer.Write(t.Double);
                    break;
                case MessagePackType.String: writer.Write((string)t.Object!); break;
                case MessagePackType.Array: writer.WriteArrayHeader(t.Count); break;
                case MessagePackType.Map: writer.WriteMapHeader(t.Count); break;
                default:
                    int index = i;
                    MessagePackValue.FromTokens(this, ref index).WriteTo(ref writer); // binary, extension, timestamp
                    break;
            }
        }
    }
}
