using System.Text;
using WdnAccel.Core.Io.Msgpack;
using Xunit;

namespace WdnAccel.Core.Tests.Io.Msgpack;

public class Utf8StringCacheTests
{
    [Fact]
    public void Strings_that_differ_in_any_one_byte_are_never_confused()
    {
        // The cache keys short strings by overlapping word loads; every length and every byte position must count.
        var cache = new Utf8StringCache();
        for (int length = 1; length <= 40; length++)
        {
            for (int position = 0; position < length; position++)
            {
                var a = Encoding.ASCII.GetBytes(new string('a', length));
                var b = (byte[])a.Clone();
                b[position] = (byte)'b';
                Assert.Equal(Encoding.ASCII.GetString(a), cache.Get(a));
                Assert.Equal(Encoding.ASCII.GetString(b), cache.Get(b));
                Assert.Equal(Encoding.ASCII.GetString(a), cache.Get(a));
            }
        }
    }

    [Fact]
    public void Multibyte_text_round_trips_and_hits_return_the_same_instance()
    {
        var cache = new Utf8StringCache();
        foreach (var text in new[] { "Zhang'ai", "水厂", "Ω₁", "pump—2", "naïve", "" })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var first = cache.Get(bytes);
            Assert.Equal(text, first);
            Assert.Same(first, cache.Get(bytes));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0x41, 0xc3 })] // a cut-short two-byte sequence
    [InlineData(new byte[] { 0xc0, 0x80, 0x41, 0x42, 0x43 })] // overlong NUL
    [InlineData(new byte[] { 0xed, 0xa0, 0x80, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47 })] // a UTF-16 surrogate
    public void Invalid_utf8_is_refused_every_time(byte[] bytes)
    {
        var cache = new Utf8StringCache();
        Assert.Null(cache.Get(bytes));
        Assert.Null(cache.Get(bytes));
        var long_ = bytes.Concat(Enumerable.Repeat((byte)'x', 20)).ToArray();
        Assert.Null(cache.Get(long_));
    }
}
