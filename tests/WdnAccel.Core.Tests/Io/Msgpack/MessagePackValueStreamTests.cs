using System.Buffers;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Tests.Io.Msgpack;

public class MessagePackValueStreamTests
{
    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void ValuesComeOneAtATimeWithTheirOffsets()
    {
        var a = MessagePackValue.FromInt64(1).Encode();
        var b = MessagePackValue.FromString("a").Encode();
        var c = MessagePackValue.FromArray([MessagePackValue.Nil, MessagePackValue.FromDouble(1.0)]).Encode();
        using var values = new MessagePackValueStream(new TrickleStream(Concat(a, b, c), 2));
        var offsets = new List<long>();
        var decoded = new List<MessagePackValue>();
        while (values.TryRead(out var v, out long at))
        {
            offsets.Add(at);
            decoded.Add(MessagePackValue.Decode(v.ToArray()));
        }
        Assert.Equal([0L, 1L, 3L], offsets);
        Assert.Equal(MessagePackValue.FromString("a"), decoded[1]);
        Assert.Equal(1.0, decoded[2].AsArray()[1].AsDouble());
        Assert.Equal(0, values.TornTailLength);
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void ATornTailIsReportedNotRead()
    {
        var whole = MessagePackValue.FromArray([MessagePackValue.FromString("job-1"), MessagePackValue.FromDouble(2.5)]).Encode();
        var bytes = Concat(whole, whole[..^3]);
        using var values = new MessagePackValueStream(new MemoryStream(bytes), "results.msgpack");
        Assert.True(values.TryRead(out _, out _));
        Assert.False(values.TryRead(out _, out _));
        Assert.Equal(whole.Length - 3, values.TornTailLength);
        Assert.Equal(whole.Length, values.Position);
        Assert.Equal(whole[..^3], values.TornTail.ToArray());
    }

    [Fact]
    public void LargeStringAcrossManySmallReadsOfAnUnseekableStream()
    {
        string s = new('x', 100_000);
        var bytes = Concat(MessagePackValue.FromString(s).Encode(), MessagePackValue.FromInt64(-7).Encode());
        var trickle = new TrickleStream(bytes, 1000);
        using var values = new MessagePackValueStream(trickle);
        Assert.True(values.TryRead(out var first, out _));
        Assert.Equal(s, MessagePackValue.Decode(first.ToArray()).AsString());
        Assert.True(values.TryRead(out var second, out _));
        Assert.Equal(-7, MessagePackValue.Decode(second.ToArray()).AsInt64());
        Assert.False(values.TryRead(out _, out _));
        Assert.True(trickle.ReadCalls > 40);
    }

    [Fact]
    public void TheReservedByteBetweenValuesIsAnErrorWithItsOffset()
    {
        var bytes = Concat(MessagePackValue.FromInt64(1).Encode(), [0xc1]);
        using var values = new MessagePackValueStream(new MemoryStream(bytes), "b.wdnb");
        Assert.True(values.TryRead(out _, out _));
        var e = Assert.Throws<InvalidInputException>(() => values.TryRead(out _, out _));
        Assert.Contains("byte offset 1", e.Message);
    }
}
