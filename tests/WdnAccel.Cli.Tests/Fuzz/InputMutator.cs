using System.Text;
using System.Text.RegularExpressions;

namespace WdnAccel.Cli.Tests.Fuzz;

/// <summary>
/// Mutations of a valid input file, drawn from a seeded generator: byte flips, truncation, numbers replaced by
/// extremes (huge, tiny, NaN, ±∞, negative, integer overflow), invalid UTF-8 and lone surrogate escapes, lines
/// deleted or doubled, deep nesting, and for MessagePack lying length headers.
/// </summary>
public static partial class InputMutator
{
    private static readonly string[] Numbers =
        ["1e309", "-1e309", "NaN", "Infinity", "-Infinity", "0", "-0", "1e-320", "-1", "-1e300", "2147483648", "-2147483649",
         "99999999999999999999999", "1e300", "0.0000001", "", "x"];

    private static readonly byte[][] BadText = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00]];

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();

    public static (byte[] Bytes, string What) Mutate(byte[] input, bool text, Random rng)
    {
        int kind = rng.Next(text ? 9 : 4);
        var bytes = (byte[])input.Clone();
        switch (kind)
        {
            case 0: // flip 1-3 bytes
            {
                int n = rng.Next(1, 4);
                for (int i = 0; i < n; i++) bytes[rng.Next(bytes.Length)] ^= (byte)(1 << rng.Next(8));
                return (bytes, $"{n} bit flip(s)");
            }
            case 1: // truncate
            {
                int at = rng.Next(bytes.Length);
                return (bytes[..at], $"truncated at {at}");
            }
            case 2: // random byte values
            {
                int at = rng.Next(bytes.Length);
                bytes[at] = (byte)rng.Next(256);
                return (bytes, $"byte {at} set to 0x{bytes[at]:x2}");
            }
            case 3 when !text: // a lying length header: str32/bin32/array32/map32 claiming 2^32-1
            {
                int at = rng.Next(bytes.Length);
                byte[] header = [(byte)(new byte[] { 0xdb, 0xc6, 0xdd, 0xdf }[rng.Next(4)]), 0xff, 0xff, 0xff, 0xff];
                return ([.. bytes[..at], .. header, .. bytes[at..]], $"lying header at {at}");
            }
            case 3: // replace a number by an extreme
            {
                string s = Encoding.UTF8.GetString(input);
                var matches = NumberPattern().Matches(s);
                if (matches.Count == 0) goto case 1;
                var m = matches[rng.Next(matches.Count)];
                string replacement = Numbers[rng.Next(Numbers.Length)];
                return (Encoding.UTF8.GetBytes(s[..m.Index] + replacement + s[(m.Index + m.Length)..]), $"number '{m.Value}' at {m.Index} → '{replacement}'");
            }
            case 4: // insert invalid UTF-8 or a NUL
            {
                int at = rng.Next(bytes.Length);
                var bad = BadText[rng.Next(BadText.Length)];
                return ([.. bytes[..at], .. bad, .. bytes[at..]], $"bytes {Convert.ToHexString(bad)} at {at}");
            }
            case 5: // a lone surrogate escape inside the first string
            {
                string s = Encoding.UTF8.GetString(input);
                int q = s.IndexOf('"', rng.Next(Math.Max(1, s.Length)));
                if (q < 0) goto case 4;
                return (Encoding.UTF8.GetBytes(s[..(q + 1)] + "\\ud800" + s[(q + 1)..]), $"\\ud800 after byte {q}");
            }
            case 6: // delete a line
            case 7: // double a line
            {
                var lines = Encoding.UTF8.GetString(input).Split('\n').ToList();
                int at = rng.Next(lines.Count);
                if (kind == 6) lines.RemoveAt(at);
                else lines.Insert(at, lines[at]);
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {at + 1} {(kind == 6 ? "deleted" : "doubled")}");
            }
            default: // deep nesting or a huge token
            {
                string s = Encoding.UTF8.GetString(input);
                int at = rng.Next(s.Length);
                string insert = rng.Next(2) == 0 ? new string('[', 100_000) : new string('9', 10_000);
                return (Encoding.UTF8.GetBytes(s[..at] + insert + s[at..]), insert[0] == '[' ? $"100000 '[' at {at}" : $"a 10000-digit number at {at}");
            }
        }
    }
}
