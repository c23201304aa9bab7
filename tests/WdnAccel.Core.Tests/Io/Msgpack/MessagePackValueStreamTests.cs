using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Tests.Io.Msgpack;

public class MessagePackValueStreamTests
{
    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static MessagePackValue Value(MessagePackTokens tokens)
    {
        int first = 0;
        return MessagePackValue.FromTokens(tokens, ref first);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public void ValuesComeOneAtATimeWithTheirOffsets(int chunk)
    {
        var a = MessagePackValue.FromInt64(1).Encode();
        var b = MessagePackValue.FromString("a").Encode();
        var c = MessagePackValue.FromArray([MessagePackValue.Nil, MessagePackValue.FromDouble(1.0)]).Encode();
        using var values = new MessagePackValueStream(new TrickleStream(Concat(a, b, c), chunk));
        var tokens = new MessagePackTokens();
        var offsets = new List<long>();
        var decoded = new List<MessagePackValue>();
        var lengths = new List<int>();
        while (values.Next(tokens, null, out var bytes, out long at) == MessagePackValueStatus.Value)
        {
            offsets.Add(at);
            lengths.Add(bytes.Length);
            decoded.Add(Value(tokens));
        }
        Assert.Equal([0L, 1L, 3L], offsets);
        Assert.Equal([1, 2, c.Length], lengths);
        Assert.Equal(MessagePackValue.FromString("a"), decoded[1]);
        Assert.Equal(1.0, decoded[2].AsArray()[1].AsDouble());
        Assert.Equal(3, values.Count);
        Assert.Equal(3 + c.Length, values.Position);
    }

    [Fact]
    public void ATornTailIsReportedNotRead()
    {
        var whole = MessagePackValue.FromArray([MessagePackValue.FromString("job-1"), MessagePackValue.FromDouble(2.5)]).Encode();
        var bytes = Concat(whole, whole[..^3]);
        using var values = new MessagePackValueStream(new MemoryStream(bytes), "results.msgpack");
        var tokens = new MessagePackTokens();
        Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
        Assert.Equal(MessagePackValueStatus.TornTail, values.Next(tokens, null, out var tail, out long at));
        Assert.Equal(whole.Length, at);
        Assert.Equal(whole[..^3], tail.ToArray());
        Assert.True(tokens.Truncated);
        Assert.Contains($"byte offset {whole.Length + 7}: unexpected end of data", tokens.Error!.Message); // the cut float after "job-1"
        Assert.Contains("results.msgpack", tokens.Error.Message);
    }

    [Fact]
    public void LargeStringAcrossManySmallReadsOfAnUnseekableStream()
    {
        string s = new('x', 3_000_000);
        var bytes = Concat(MessagePackValue.FromString(s).Encode(), MessagePackValue.FromInt64(-7).Encode());
        var trickle = new TrickleStream(bytes, 1000);
        using var values = new MessagePackValueStream(trickle);
        var tokens = new MessagePackTokens();
        Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
        Assert.Equal(s, Value(tokens).AsString());
        Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
        Assert.Equal(-7, Value(tokens).AsInt64());
        Assert.Equal(MessagePackValueStatus.End, values.Next(tokens, null, out _, out _));
        Assert.True(trickle.ReadCalls > 40);
    }

    [Fact]
    public void ALyingLengthHeaderEndsAsATornTailWithoutAHugeBuffer()
    {
        // str32 declaring 4 GB, then 5 bytes.
        var bytes = Convert.FromHexString("dbffffffff6162636465");
        long before = GC.GetAllocatedBytesForCurrentThread();
        using var values = new MessagePackValueStream(new TrickleStream(bytes, 3));
        Assert.Equal(MessagePackValueStatus.TornTail, values.Next(new MessagePackTokens(), null, out _, out _));
        // The read buffer (TrickleStream is not seekable, so it gets the full size) and no more.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < MessagePackValueStream.BufferBytes + 1_000_000);
    }

    [Fact]
    public void InvalidContentStopsTheStreamWithItsOffset()
    {
        var bytes = Concat(MessagePackValue.FromInt64(1).Encode(), [0x92, 0x01, 0xc1], MessagePackValue.FromInt64(2).Encode());
        using var values = new MessagePackValueStream(new MemoryStream(bytes), "b.wdnb");
        var tokens = new MessagePackTokens();
        Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
        Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
        Assert.False(tokens.Truncated);
        Assert.Contains("byte offset 3", tokens.Error!.Message);
        Assert.Contains("0xc1", tokens.Error.Message);
        Assert.Throws<InvalidInputException>(() => values.Next(tokens, null, out _, out _));
    }
}
