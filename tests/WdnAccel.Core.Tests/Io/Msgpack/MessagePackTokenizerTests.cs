using System.Buffers;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>
/// Our layer over MessagePack-CSharp: what it rejects (where the library is lenient or throws its own exception
/// types) must become an <see cref="InvalidInputException"/> that names the byte offset, and values must round-trip.
/// </summary>
public class MessagePackTokenizerTests
{
    private static byte[] B(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static byte[] Sample() => new MessagePackValue[]
    {
        MessagePackValue.FromMap(
        [
            new(MessagePackValue.FromString("pipes"), MessagePackValue.FromArray([MessagePackValue.FromDouble(0.3048), MessagePackValue.FromInt64(-70000)])),
            new(MessagePackValue.FromString("name ünïcode string longer than thirty-one bytes"), MessagePackValue.FromBinary(new byte[300])),
            new(MessagePackValue.FromString("t"), MessagePackValue.FromTimestamp(new MessagePackTimestamp(-5, 7))),
        ]),
    }[0].Encode();

    [Theory]
    // str32 declaring 0xffffffff bytes (4 GB) with 5 bytes of payload; bin32 / ext32 / array32 / map32 likewise.
    [InlineData("db ffffffff 6162636465")]
    [InlineData("c6 ffffffff 0102030405")]
    [InlineData("c9 ffffffff 01 02030405")]
    [InlineData("dd ffffffff 0102030405")]
    [InlineData("df 7fffffff 0102030405")]
    public void HugeDeclaredLengthFailsBeforeAllocating(string hex)
    {
        var bytes = B(hex);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(bytes, "x.wdn"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("byte offset 0", e.Message);
        Assert.Contains("x.wdn", e.Message);
        Assert.Contains("end of data", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void EveryTruncationOfAValidDocumentFailsWithAnOffset()
    {
        var full = Sample();
        Assert.Equal(MessagePackType.Map, MessagePackValue.Decode(full).Type);
        for (int n = 0; n < full.Length; n++)
        {
            var e = Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(full.AsMemory(0, n)));
            Assert.Contains("unexpected end of data", e.Message);
            Assert.Matches(@"byte offset \d+", e.Message);
        }
    }

    [Fact]
    public void TruncationNamesTheValueThatIsCutShort()
    {
        // [1, "abc"] cut inside the string: the string starts at byte 2.
        var e = Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("92 01 a3 6162")));
        Assert.StartsWith("byte offset 2: unexpected end of data", e.Message);
    }

    [Fact]
    public void InvalidUtf8IsRejected()
    {
        // 0xc3 0x28: a lead byte followed by a non-continuation byte. MessagePack-CSharp would decode it to U+FFFD.
        Assert.Contains("UTF-8", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("a2 c328"))).Message);
        // An encoded surrogate half (CESU-style) is not UTF-8 either.
        Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("a3 eda080")));
    }

    [Fact]
    public void NestingTooDeepIsRejected()
    {
        var tooDeep = Enumerable.Repeat((byte)0x91, 65).Append((byte)0xc0).ToArray();
        Assert.Contains("nested deeper than 64", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(tooDeep)).Message);
        var deepest = Enumerable.Repeat((byte)0x91, 64).Append((byte)0xc0).ToArray();
        Assert.Equal(MessagePackType.Array, MessagePackValue.Decode(deepest).Type);
    }

    [Fact]
    public void ReservedByteAndTrailingDataAreRejected()
    {
        Assert.Contains("0xc1", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("92 01 c1"))).Message);
        Assert.Contains("byte offset 2", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("92 01 c1"))).Message);
        Assert.Contains("byte offset 1: unexpected data after the value", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("01 02"))).Message);
    }

    [Fact]
    public void IntegersKeepTheirFullRange()
    {
        Assert.Equal(ulong.MaxValue, MessagePackValue.Decode(B("cf ffffffffffffffff")).AsUInt64());
        Assert.Equal(long.MinValue, MessagePackValue.Decode(B("d3 8000000000000000")).AsInt64());
        Assert.Equal(-1, MessagePackValue.Decode(B("ff")).AsInt64());
        Assert.True(MessagePackValue.Decode(B("ff")).IsNegative);
    }

    [Fact]
    public void MalformedTimestampsAreRejected()
    {
        // Type −1 with 2 data bytes, and a 64-bit timestamp whose nanoseconds exceed 999 999 999.
        Assert.Contains("4, 8 or 12", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(B("d5 ff 0000"))).Message);
        ulong bad = (1_000_000_000UL << 34) | 1;
        var bytes = B("d7 ff " + Convert.ToHexString(BitConverter.GetBytes(bad).Reverse().ToArray()));
        Assert.Contains("nanoseconds", Assert.Throws<InvalidInputException>(() => MessagePackValue.Decode(bytes)).Message);
        // Another extension type with 4 bytes is just an extension.
        Assert.Equal(5, MessagePackValue.Decode(B("d6 05 00000000")).AsExtension().TypeCode);
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
        var bytes = MessagePackValue.FromDouble(value).Encode();
        Assert.Equal(0xcb, bytes[0]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(MessagePackValue.Decode(bytes).AsDouble()));
    }

    [Fact]
    public void ValueTreeRoundTrips()
    {
        var value = MessagePackValue.FromMap(
        [
            new(MessagePackValue.FromString("a"), MessagePackValue.FromArray([MessagePackValue.FromInt64(-5), MessagePackValue.FromUInt64(ulong.MaxValue), MessagePackValue.FromSingle(1.5f)])),
            new(MessagePackValue.FromInt64(7), MessagePackValue.FromTimestamp(new MessagePackTimestamp(-62167219200, 1))),
            new(MessagePackValue.Nil, MessagePackValue.FromExtension(new MessagePackExtension(9, [1, 2, 3]))),
            new(MessagePackValue.FromString("bin"), MessagePackValue.FromBinary([0, 255])),
        ]);
        var back = MessagePackValue.Decode(value.Encode());
        Assert.Equal(value, back);
        Assert.Equal(MessagePackValue.FromInt64(-5), back["a"]!.AsArray()[0]);
        Assert.True(back["a"]!.AsArray()[2].IsSinglePrecision);
    }

    [Fact]
    public void TokensWriteBackTheSameBytes()
    {
        var bytes = Sample();
        var tokens = new MessagePackTokens();
        var reader = new Lib.MessagePackReader(bytes);
        MessagePackTokenizer.ReadValue(ref reader, tokens);
        Assert.Equal(bytes, MessagePackEncoding.Encode(tokens, static (ref Lib.MessagePackWriter w, MessagePackTokens t) => t.WriteTo(ref w)));
        // Offsets: the map header at 0, its first key right after it.
        Assert.Equal(0, tokens[0].Offset);
        Assert.Equal(1, tokens[1].Offset);
    }

    [Fact]
    public void Lz4EnvelopeRoundTripsAndIsDetected()
    {
        var big = MessagePackValue.FromArray(Enumerable.Range(0, 2000).Select(i => MessagePackValue.FromDouble(i % 7)).ToList());
        var plain = big.Encode();
        var tokens = new MessagePackTokens();
        var reader = new Lib.MessagePackReader(plain);
        MessagePackTokenizer.ReadValue(ref reader, tokens);
        var output = new ArrayBufferWriter<byte>();
        Lz4Envelope.Write(output, tokens);
        var compressed = output.WrittenSpan.ToArray();
        Assert.True(compressed.Length < plain.Length / 4, $"{compressed.Length} of {plain.Length} bytes");
        Assert.True(Lz4Envelope.IsCompressed(new ReadOnlySequence<byte>(compressed)));
        Assert.False(Lz4Envelope.IsCompressed(new ReadOnlySequence<byte>(plain)));
        var back = Lz4Envelope.Decompress(new ReadOnlySequence<byte>(compressed), "x.wdnb");
        int i = 0;
        Assert.Equal(big, MessagePackValue.FromTokens(back, ref i));
        // A damaged block is an input error, not a crash.
        compressed[^3] ^= 0xff;
        compressed[^10] ^= 0xff;
        Assert.Throws<InvalidInputException>(() => Lz4Envelope.Decompress(new ReadOnlySequence<byte>(compressed), "x.wdnb"));
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
