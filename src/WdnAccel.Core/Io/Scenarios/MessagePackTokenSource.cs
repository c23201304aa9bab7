using WdnAccel.Core.Io.MessagePack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>Scenario tokens straight from the streaming <see cref="MessagePackReader"/> (no value tree).</summary>
internal sealed class MessagePackTokenSource(MessagePackReader reader) : ScenarioTokenSource
{
    private readonly Utf8StringCache _strings = new();

    public MessagePackReader Reader => reader;

    public override MessagePackType PeekType() => reader.PeekType();
    public override string DescribeNext() => reader.PeekDescription();
    public override long Mark() => reader.Position;
    public override (string? Offset, int? Line) Locate(long mark) => ($"byte offset {mark}", null);
    public override int ReadMapHeader() => reader.ReadMapHeader();
    public override int ReadArrayHeader() => reader.ReadArrayHeader();
    public override string ReadString() => _strings.Get(reader.ReadStringSpan());
    public override double ReadDouble() => reader.ReadDouble();
    public override long ReadInt64() => reader.ReadInt64();
    public override ulong ReadUInt64() => reader.ReadUInt64();
    public override bool ReadBoolean() => reader.ReadBoolean();
    public override void ReadNil() => reader.ReadNil();
}
