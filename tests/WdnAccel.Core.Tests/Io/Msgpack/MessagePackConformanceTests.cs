using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>
/// Every case of msgpack-test-suite (github.com/kawanet/msgpack-test-suite, copied from shared/vectors):
/// each listed encoding must decode to the expected value through our MessagePack-CSharp layer (from memory and from
/// a stream trickling one byte per read), and the library's writer must produce one of the listed encodings (for
/// doubles float 64, which the suite lists after float 32).
/// </summary>
public class MessagePackConformanceTests
{
    private static readonly Lazy<JsonDocument> Suite = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "msgpack", "msgpack-test-suite.json"))));

    public static IEnumerable<object[]> Cases()
    {
        foreach (var group in Suite.Value.RootElement.EnumerateObject())
        {
            for (int i = 0; i < group.Value.GetArrayLength(); i++) yield return [group.Name, i];
        }
    }

    [Fact]
    public void SuiteCoversEveryGroup()
    {
        var groups = Suite.Value.RootElement.EnumerateObject().Select(g => g.Name).ToList();
        foreach (var expected in new[] { "nil", "bool", "binary", "number-positive", "number-negative", "number-float", "number-bignum", "string-ascii", "string-utf8", "string-emoji", "array", "map", "nested", "timestamp", "ext" })
        {
            Assert.Contains(groups, g => g.Contains("." + expected + ".", StringComparison.Ordinal));
        }
        Assert.True(Cases().Count() >= 80);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryListedEncodingDecodesToTheExpectedValue(string group, int index)
    {
        var c = Suite.Value.RootElement.GetProperty(group)[index];
        foreach (var hex in c.GetProperty("msgpack").EnumerateArray())
        {
            var bytes = Convert.FromHexString(hex.GetString()!.Replace("-", ""));
            var value = MessagePackValue.Decode(bytes);
            AssertMatches(c, value, hex.GetString()!);

            // The same bytes through an unseekable stream delivering one byte per read.
            using var values = new MessagePackValueStream(new TrickleStream(bytes));
            var tokens = new MessagePackTokens();
            Assert.Equal(MessagePackValueStatus.Value, values.Next(tokens, null, out _, out _));
            int first = 0;
            Assert.Equal(value, MessagePackValue.FromTokens(tokens, ref first));
            Assert.Equal(MessagePackValueStatus.End, values.Next(tokens, null, out _, out _));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WriterProducesAListedEncoding(string group, int index)
    {
        var c = Suite.Value.RootElement.GetProperty(group)[index];
        var encodings = c.GetProperty("msgpack").EnumerateArray().Select(h => h.GetString()!.Replace("-", "").ToUpperInvariant()).ToList();
        var written = Convert.ToHexString(MessagePackEncoding.Encode(c, static (ref Lib.MessagePackWriter w, JsonElement e) => Write(ref w, e)));
        Assert.Contains(written, encodings);
        bool isDouble = c.TryGetProperty("number", out var n) && !IsIntegral(n);
        if (!isDouble)
        {
            // Shortest form of the same type family: as short as the shortest listed non-float encoding
            // (int64 max is listed as d3 and cf, both 9 bytes; 2^32 also as a 5-byte float 32, another type).
            Assert.Equal(encodings.Where(e => !e.StartsWith("CA") && !e.StartsWith("CB")).Min(e => e.Length), written.Length);
        }
    }

    private static void Write(ref Lib.MessagePackWriter w, JsonElement c)
    {
        if (c.TryGetProperty("nil", out _)) w.WriteNil();
        else if (c.TryGetProperty("bool", out var b)) w.Write(b.GetBoolean());
        else if (c.TryGetProperty("binary", out var bin)) w.Write(Hex(bin.GetString()!));
        else if (c.TryGetProperty("bignum", out var big)) WriteInteger(ref w, BigInteger.Parse(big.GetString()!, CultureInfo.InvariantCulture));
        else if (c.TryGetProperty("number", out var num)) WriteJson(ref w, num);
        else if (c.TryGetProperty("string", out var s)) w.Write(s.GetString()!);
        else if (c.TryGetProperty("array", out var a)) WriteJson(ref w, a);
        else if (c.TryGetProperty("map", out var m)) WriteJson(ref w, m);
        else if (c.TryGetProperty("timestamp", out var t)) MessagePackValue.FromTimestamp(new MessagePackTimestamp(t[0].GetInt64(), t[1].GetUInt32())).WriteTo(ref w);
        else if (c.TryGetProperty("ext", out var e)) MessagePackValue.FromExtension(new MessagePackExtension(e[0].GetSByte(), Hex(e[1].GetString()!))).WriteTo(ref w);
        else throw new InvalidOperationException("unknown case kind");
    }

    private static void WriteJson(ref Lib.MessagePackWriter w, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                if (IsIntegral(e)) WriteInteger(ref w, BigInteger.Parse(e.GetRawText(), CultureInfo.InvariantCulture));
                else w.Write(e.GetDouble());
                break;
            case JsonValueKind.String: w.Write(e.GetString()!); break;
            case JsonValueKind.Array:
                w.WriteArrayHeader(e.GetArrayLength());
                foreach (var item in e.EnumerateArray()) WriteJson(ref w, item);
                break;
            case JsonValueKind.Object:
                var props = e.EnumerateObject().ToList();
                w.WriteMapHeader(props.Count);
                foreach (var p in props)
                {
                    w.Write(p.Name);
                    WriteJson(ref w, p.Value);
                }
                break;
            default: throw new InvalidOperationException(e.ValueKind.ToString());
        }
    }

    private static void WriteInteger(ref Lib.MessagePackWriter w, BigInteger v)
    {
        if (v.Sign < 0) w.Write((long)v); else w.Write((ulong)v);
    }

    private static void AssertMatches(JsonElement c, MessagePackValue v, string hex)
    {
        if (c.TryGetProperty("nil", out _)) Assert.True(v.IsNil, hex);
        else if (c.TryGetProperty("bool", out var b)) Assert.Equal(b.GetBoolean(), v.AsBoolean());
        else if (c.TryGetProperty("binary", out var bin)) Assert.Equal(Hex(bin.GetString()!), v.AsBinary());
        else if (c.TryGetProperty("bignum", out var big)) AssertNumber(BigInteger.Parse(big.GetString()!, CultureInfo.InvariantCulture), null, v, hex);
        else if (c.TryGetProperty("number", out var num)) AssertJson(num, v, hex);
        else if (c.TryGetProperty("string", out var s)) Assert.Equal(s.GetString(), v.AsString());
        else if (c.TryGetProperty("array", out var a)) AssertJson(a, v, hex);
        else if (c.TryGetProperty("map", out var m)) AssertJson(m, v, hex);
        else if (c.TryGetProperty("timestamp", out var t)) Assert.Equal(new MessagePackTimestamp(t[0].GetInt64(), t[1].GetUInt32()), v.AsTimestamp());
        else if (c.TryGetProperty("ext", out var e))
        {
            var ext = v.AsExtension();
            Assert.Equal(e[0].GetSByte(), ext.TypeCode);
            Assert.Equal(Hex(e[1].GetString()!), ext.Data);
        }
        else throw new InvalidOperationException("unknown case kind");
    }

    private static void AssertJson(JsonElement e, MessagePackValue v, string hex)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                if (IsIntegral(e)) AssertNumber(BigInteger.Parse(e.GetRawText(), CultureInfo.InvariantCulture), null, v, hex);
                else AssertNumber(null, e.GetDouble(), v, hex);
                break;
            case JsonValueKind.String: Assert.Equal(e.GetString(), v.AsString()); break;
            case JsonValueKind.Array:
                var items = v.AsArray();
                Assert.Equal(e.GetArrayLength(), items.Count);
                int i = 0;
                foreach (var item in e.EnumerateArray()) AssertJson(item, items[i++], hex);
                break;
            case JsonValueKind.Object:
                var entries = v.AsMap();
                var props = e.EnumerateObject().ToList();
                Assert.Equal(props.Count, entries.Count);
                for (int k = 0; k < props.Count; k++)
                {
                    Assert.Equal(props[k].Name, entries[k].Key.AsString());
                    AssertJson(props[k].Value, entries[k].Value, hex);
                }
                break;
            default: throw new InvalidOperationException(e.ValueKind.ToString());
        }
    }

    /// <summary>Integers must decode exactly; float encodings of an integer must equal it as a double.</summary>
    private static void AssertNumber(BigInteger? integer, double? real, MessagePackValue v, string hex)
    {
        if (v.Type == MessagePackType.Integer)
        {
            Assert.True(integer is not null, $"{hex}: decoded an integer where a non-integral number was expected");
            BigInteger got = v.IsNegative ? v.AsInt64() : v.AsUInt64();
            Assert.Equal(integer!.Value, got);
        }
        else
        {
            Assert.Equal(MessagePackType.Float, v.Type);
            double expected = real ?? (double)integer!.Value;
            Assert.Equal(expected, v.AsDouble());
        }
    }

    private static bool IsIntegral(JsonElement number)
    {
        var raw = number.GetRawText();
        return raw.IndexOfAny(['.', 'e', 'E']) < 0;
    }

    private static byte[] Hex(string dashed) => Convert.FromHexString(dashed.Replace("-", ""));
}
