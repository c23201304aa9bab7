using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// What <see cref="ScenarioSchemaReader"/> reads: a stream of MessagePack-like tokens, from a .wdn/.wdnb file or
/// from tokenized JSON, so that both encodings share one schema. The mapper peeks the type before every read,
/// so the read methods may assume it matches.
/// </summary>
internal abstract class ScenarioTokenSource
{
    public abstract MessagePackType PeekType();

    /// <summary>The next token in words ("a string", "an array"), for "expected X, got Y" messages.</summary>
    public abstract string DescribeNext();

    /// <summary>An opaque location of the next token (byte offset or line), resolved by <see cref="Locate"/>.</summary>
    public abstract long Mark();

    /// <summary>The place <paramref name="mark"/> names: a byte-offset text for binary input, a 1-based line for JSON.</summary>
    public abstract (string? Offset, int? Line) Locate(long mark);

    public abstract int ReadMapHeader();
    public abstract int ReadArrayHeader();
    public abstract string ReadString();
    public abstract double ReadDouble();
    public abstract long ReadInt64();
    public abstract ulong ReadUInt64();
    public abstract bool ReadBoolean();
    public abstract void ReadNil();

    /// <summary>The index of the next token: saved before a value, restored to step back to its start.</summary>
    public abstract int Position { get; set; }

    /// <summary>Skips the next value whole (a map or array with everything in it, or one scalar).</summary>
    public void SkipValue()
    {
        switch (PeekType())
        {
            case MessagePackType.Map:
                for (int n = 2 * ReadMapHeader(); n > 0; n--) SkipValue();
                break;
            case MessagePackType.Array:
                for (int n = ReadArrayHeader(); n > 0; n--) SkipValue();
                break;
            default:
                Position++;
                break;
        }
    }
}
