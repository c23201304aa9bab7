using System.Buffers.Binary;
using WdnAccel.Core.Io.MessagePack;

namespace WdnAccel.Core.Tests.Io.MessagePack;

/// <summary>Boundaries of every length/range family, against the format table of spec.md.</summary>
public class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7F")]
    [InlineData(128L, "CC80")]
    [InlineData(255L, "CCFF")]
    [InlineData(256L, "CD0100")]
    [InlineData(65535L, "CDFFFF")]
    [InlineData(65536L, "CE00010000")]
    [InlineData(4294967295L, "CEFFFFFFFF")]
    [InlineData(4294967296L, "CF0000000100000000")]
    [InlineData(-1L, "FF")]
    [InlineData(-32L, "E0")]
    [InlineData(-33L, "D0DF")]
    [InlineData(-128L, "D080")]
    [InlineData(-129L, "D1FF7F")]
    [InlineData(-32768L, "D18000")]
    [InlineData(-32769L, "D2FFFF7FFF")]
    [InlineData(-2147483648L, "D280000000")]
    [InlineData(-2147483649L, "D3FFFFFFFF7FFFFFFF")]
    [InlineData(long.MinValue, "D38000000000000000")]
    public void IntegersUseTheShortestForm(long value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(MessagePackWriter.Encode(w => w.WriteInt64(value))));
        var back = new MessagePackReader(Convert.FromHexString(hex)).ReadInt64();
        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData(0, 0xa0, 1)]
    [InlineData(31, 0xbf, 1)]
    [InlineData(32, 0xd9, 2)]
    [InlineData(255, 0xd9, 2)]
    [InlineData(256, 0xda, 3)]
    [InlineData(65535, 0xda, 3)]
    [InlineData(65536, 0xdb, 5)]
    public void StringHeaders(int length, int code, int headerSize)
    {
        var s = new string('x', length);
        var bytes = MessagePackWriter.Encode(w => w.WriteString(s));
        Assert.Equal(code, bytes[0] & (length <= 31 ? 0xe0 : 0xff) | (length <= 31 ? length : 0));
        Assert.Equal(headerSize + length, bytes.Length);
        Assert.Equal(s, new MessagePackReader(bytes).ReadString());
    }

    [Theory]
    [InlineData(15, 0x9f, 1)]
    [InlineData(16, 0xdc, 3)]
    [InlineData(65535, 0xdc, 3)]
    [InlineData(65536, 0xdd, 5)]
    public void ArrayAndMapHeaders(int count, int arrayCode, int headerSize)
    {
        var a = MessagePackWriter.Encode(w => w.WriteArrayHeader(count));
        var m = MessagePackWriter.Encode(w => w.WriteMapHeader(count));
        Assert.Equal(headerSize, a.Length);
        Assert.Equal(arrayCode, a[0]);
        Assert.Equal(count <= 15 ? 0x8f : arrayCode + 2, m[0]);
        if (headerSize == 3) Assert.Equal(count, BinaryPrimitives.ReadUInt16BigEndian(a.AsSpan(1)));
        if (headerSize == 5) Assert.Equal(count, (int)BinaryPrimitives.ReadUInt32BigEndian(a.AsSpan(1)));
    }

    [Theory]
    [InlineData(255, 0xc4, 2)]
    [InlineData(256, 0xc5, 3)]
    [InlineData(65536, 0xc6, 5)]
    public void BinaryHeaders(int length, int code, int headerSize)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var bytes = MessagePackWriter.Encode(w => w.WriteBinary(data));
        Assert.Equal(code, bytes[0]);
        Assert.Equal(headerSize + length, bytes.Length);
        Assert.Equal(data, new MessagePackReader(bytes).ReadBinary());
    }

    [Theory]
    [InlineData(1, 0xd4)]
    [InlineData(2, 0xd5)]
    [InlineData(3, 0xc7)]
    [InlineData(4, 0xd6)]
    [InlineData(8, 0xd7)]
    [InlineData(16, 0xd8)]
    [InlineData(17, 0xc7)]
    [InlineData(256, 0xc8)]
    [InlineData(65536, 0xc9)]
    public void ExtensionFamilies(int length, int code)
    {
        var data = new byte[length];
        data[^1] = 42;
        var bytes = MessagePackWriter.Encode(w => w.WriteExtension(5, data));
        Assert.Equal(code, bytes[0]);
        var ext = new MessagePackReader(bytes).ReadExtension();
        Assert.Equal(5, ext.TypeCode);
        Assert.Equal(data, ext.Data);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.0)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(1e-300)]
    [InlineData(double.NaN)]
    public void DoublesRoundTripBitExactAsFloat64(double value)
    {
        var bytes = MessagePackWriter.Encode(w => w.WriteDouble(value));
        Assert.Equal(0xcb, bytes[0]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(new MessagePackReader(bytes).ReadDouble()));
    }

    [Fact]
    public void ValueTreeRoundTrips()
    {
        var value = MessagePackValue.FromMap(
        [
            new(MessagePackValue.FromString("a"), MessagePackValue.FromArray([MessagePackValue.FromInt64(-5), MessagePackValue.FromUInt64(ulong.MaxValue), MessagePackValue.FromSingle(1.5f)])),
            new(MessagePackValue.FromInt64(7), MessagePackValue.FromTimestamp(new MessagePackTimestamp(-62167219200, 1))),
            new(MessagePackValue.Nil, MessagePackValue.FromExtension(new MessagePackExtension(9, [1, 2, 3]))),
        ]);
        var bytes = MessagePackWriter.Encode(w => w.WriteValue(value));
        var back = new MessagePackReader(bytes).ReadValue();
        Assert.Equal(value, back);
        Assert.Equal(MessagePackValue.FromInt64(-5), back["a"]!.AsArray()[0]);
        Assert.True(back["a"]!.AsArray()[2].IsSinglePrecision);
    }

    [Fact]
    public void UnpairedSurrogateCannotBeWritten()
    {
        Assert.Throws<ArgumentException>(() => MessagePackWriter.Encode(w => w.WriteString("a\ud800b")));
    }

    [Fact]
    public void TimestampConvertsToAndFromDateTimeOffset()
    {
        // 1514862245 s is 2018-01-02T03:04:05Z (msgpack-test-suite's timestamp case).
        Assert.Equal(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), new MessagePackTimestamp(1514862245, 0).ToDateTimeOffset());
        var before1970 = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 500, TimeSpan.Zero);
        Assert.Equal(new MessagePackTimestamp(-1, 500_000_000), MessagePackTimestamp.FromDateTimeOffset(before1970));
        Assert.Equal(before1970, new MessagePackTimestamp(-1, 500_000_000).ToDateTimeOffset());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePackTimestamp(0, 1_000_000_000));
    }
}
