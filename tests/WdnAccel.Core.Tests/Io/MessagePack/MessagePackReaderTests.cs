using WdnAccel.Core.Io;
using WdnAccel.Core.Io.MessagePack;

namespace WdnAccel.Core.Tests.Io.MessagePack;

public class MessagePackReaderTests
{
    private static byte[] B(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Theory]
    // str32 declaring 0xffffffff bytes (4 GB) with 5 bytes of payload: 10 bytes in all.
    [InlineData("db ffffffff 6162636465")]
    // bin32 / ext32 / array32 / map32 declaring more than the file holds.
    [InlineData("c6 ffffffff 0102030405")]
    [InlineData("c9 ffffffff 01 02030405")]
    [InlineData("dd ffffffff 0102030405")]
    [InlineData("df 7fffffff 0102030405")]
    public void HugeDeclaredLengthFailsBeforeAllocating(string hex)
    {
        var bytes = B(hex);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidInputException>(() => new MessagePackReader(bytes, "x.wdn").ReadValue());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("byte offset 0", e.Message);
        Assert.Contains("x.wdn", e.Message);
        Assert.Contains("end of data", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");

        // Seekable stream: the same check against Length − Position.
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(new MemoryStream(bytes)).ReadValue());
    }

    [Fact]
    public void HugeDeclaredStringOnUnseekableStreamGrowsOnlyWithRealData()
    {
        var bytes = B("db ffffffff 6162636465");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidInputException>(() => new MessagePackReader(new TrickleStream(bytes, 3)).ReadString());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Contains("byte offset", e.Message);
    }

    [Fact]
    public void EveryTruncationOfAValidDocumentFailsWithAnOffset()
    {
        var full = MessagePackWriter.Encode(w =>
        {
            w.WriteMapHeader(3);
            w.WriteString("pipes");
            w.WriteArrayHeader(2);
            w.WriteDouble(0.3048);
            w.WriteInt64(-70000);
            w.WriteString("name ünïcode string longer than thirty-one bytes");
            w.WriteBinary(new byte[300]);
            w.WriteString("t");
            w.WriteTimestamp(new MessagePackTimestamp(-5, 7));
        });
        Assert.Equal(MessagePackType.Map, new MessagePackReader(full).ReadValue().Type);
        for (int n = 0; n < full.Length; n++)
        {
            var prefix = full.AsMemory(0, n);
            var e = Assert.Throws<InvalidInputException>(() => new MessagePackReader(prefix).ReadValue());
            Assert.Contains("unexpected end of data", e.Message);
            Assert.Matches(@"byte offset \d+", e.Message);
            Assert.Throws<InvalidInputException>(() => new MessagePackReader(new TrickleStream(full[..n], 7)).Skip());
        }
    }

    [Fact]
    public void WrongTypeNamesOffsetAndExpectation()
    {
        var bytes = B("92 01 a3 616263");
        var r = new MessagePackReader(bytes);
        Assert.Equal(2, r.ReadArrayHeader());
        Assert.Equal(1, r.ReadInt64());
        var e = Assert.Throws<InvalidInputException>(() => r.ReadDouble());
        Assert.Equal("byte offset 2: expected a number, got a string", e.Message);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        // 0xc3 0x28: a two-byte lead followed by a non-continuation byte.
        var e = Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("a2 c328")).ReadString());
        Assert.Contains("UTF-8", e.Message);
        // An encoded surrogate (ed a0 80) is not valid UTF-8 either.
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("a3 eda080")).ReadValue());
    }

    [Fact]
    public void NestingTooDeepIsRejected()
    {
        var bytes = Enumerable.Repeat((byte)0x91, 1000).Append((byte)0xc0).ToArray();
        var e = Assert.Throws<InvalidInputException>(() => new MessagePackReader(bytes).ReadValue());
        Assert.Contains("nested deeper than 64", e.Message);
        // Shallow enough: fine, and Skip needs no recursion at all.
        new MessagePackReader(bytes.AsMemory(1000 - 10)).ReadValue();
        var r = new MessagePackReader(bytes);
        r.Skip();
        Assert.True(r.IsAtEnd);
    }

    [Fact]
    public void ReservedByteAndOutOfRangeIntegersAreRejected()
    {
        Assert.Contains("0xc1", Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("c1")).ReadValue()).Message);
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("cf ffffffffffffffff")).ReadInt64());
        Assert.Equal(ulong.MaxValue, new MessagePackReader(B("cf ffffffffffffffff")).ReadUInt64());
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("ff")).ReadUInt64());
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("ce 80000000")).ReadInt32());
    }

    [Fact]
    public void MalformedTimestampsAreRejected()
    {
        // 64-bit form with nanoseconds 1 000 000 000 (> 999 999 999).
        ulong v = (1_000_000_000UL << 34) | 1;
        var bytes = B("d7 ff " + v.ToString("x16"));
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(bytes).ReadTimestamp());
        // Type −1 with 2 data bytes has no timestamp form.
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("d5 ff 0000")).ReadValue());
        Assert.Throws<InvalidInputException>(() => new MessagePackReader(B("d6 05 00000000")).ReadTimestamp());
    }

    [Fact]
    public void StreamOfValuesIsReadOneAtATimeWithOffsets()
    {
        var bytes = B("01 a1 61 c0 cb 3ff0000000000000");
        var r = new MessagePackReader(new TrickleStream(bytes, 2));
        Assert.Equal(0, r.Position);
        Assert.Equal(1, r.ReadInt64());
        Assert.Equal("a", r.ReadString());
        Assert.Equal(3, r.Position);
        Assert.True(r.TryReadNil());
        Assert.False(r.IsAtEnd);
        Assert.Equal(1.0, r.ReadDouble());
        Assert.True(r.IsAtEnd);
    }
}

public class MessagePackReaderStreamingTests
{
    [Fact]
    public void LargeStringAcrossManySmallReadsOfAnUnseekableStream()
    {
        var s = string.Concat(Enumerable.Range(0, 40_000).Select(i => (char)('a' + i % 26))) + "€";
        var bytes = MessagePackWriter.Encode(w => { w.WriteString(s); w.WriteInt64(-7); });
        var trickle = new TrickleStream(bytes, 1000);
        var r = new MessagePackReader(trickle, bufferSize: 16);
        Assert.Equal(s, r.ReadString());
        Assert.Equal(-7, r.ReadInt64());
        Assert.True(r.IsAtEnd);
        Assert.True(trickle.ReadCalls > 40);
    }
}
