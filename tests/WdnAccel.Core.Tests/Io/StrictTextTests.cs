using System.Text;
using WdnAccel.Core.Io;
using Xunit;

namespace WdnAccel.Core.Tests.Io;

public class StrictTextTests
{
    [Theory]
    [InlineData("{\"a\": \"\\ud83d\\ude00\"}")] // a surrogate pair: one emoji
    [InlineData("{\"a\": \"\\\\ud800\"}")] // an escaped backslash, then the letters ud800
    [InlineData("// a comment with \" and \\ud800\n{\"a\": 1}")]
    [InlineData("/* \"\\udc00 */ {\"a\": \"\\u00e9\"}")]
    [InlineData("{\"k\\\"ey\": \"x\"}")]
    public void Json_without_lone_surrogates_passes(string json) => StrictText.CheckJson(Encoding.UTF8.GetBytes(json), "ok.json");

    [Theory]
    [InlineData("{\"a\":\n \"x\\ud800\"}", 2, "high surrogate")]
    [InlineData("{\"a\": \"\\ud800\\u0041\"}", 1, "high surrogate")]
    [InlineData("{\"a\": \"\\ud800", 1, "high surrogate")]
    [InlineData("{\n\n\"\\uDC00\": 1}", 3, "low surrogate")]
    public void A_lone_surrogate_escape_names_its_line(string json, int line, string what)
    {
        var e = Assert.Throws<InvalidInputException>(() => StrictText.CheckJson(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal(line, e.Line);
        Assert.Equal("bad.json", e.File);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Invalid_utf8_names_line_and_byte_offset()
    {
        var bytes = Encoding.UTF8.GetBytes("line one\nline two é\nthree ").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        var e = Assert.Throws<InvalidInputException>(() => StrictText.Decode(bytes, "t.lp"));
        Assert.Equal(3, e.Line);
        Assert.Contains($"byte offset {bytes.Length - 2}", e.Message);
        var truncated = Encoding.UTF8.GetBytes("ok ").Concat(new byte[] { 0xE2, 0x82 }).ToArray(); // a cut 3-byte sequence
        Assert.Throws<InvalidInputException>(() => StrictText.Decode(truncated, "t.lp"));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_text_decodes()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes("Zhang'ai 水厂")).ToArray();
        Assert.Equal("Zhang'ai 水厂", StrictText.Decode(bytes, "t.csv"));
    }
}
