using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace WdnAccel.Core.Io;

/// <summary>
/// Text input read strictly, in one place for every text reader: bytes that are not UTF-8 are an error naming the
/// line and byte offset (not silently replaced by U+FFFD), and in JSON a \u escape of a lone UTF-16 surrogate
/// (\ud800 without its partner), which no .NET string API can decode, is an error naming its line. A UTF-8
/// byte-order mark is skipped.
/// </summary>
public static class StrictText
{
    /// <summary>A UTF-8 text file's contents.</summary>
    public static string ReadFile(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>A JSON file's bytes, checked to be UTF-8 without lone surrogate escapes.</summary>
    public static byte[] ReadJsonFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        CheckJson(bytes, path);
        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string? file)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[3..];
        CheckUtf8(bytes, file);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Checks <paramref name="utf8"/> is UTF-8 and, read as JSON, escapes no lone surrogate.</summary>
    public static void CheckJson(ReadOnlySpan<byte> utf8, string? file)
    {
        CheckUtf8(utf8, file);
        CheckSurrogateEscapes(utf8, file);
    }

    public static void CheckUtf8(ReadOnlySpan<byte> bytes, string? file)
    {
        if (Utf8.IsValid(bytes)) return;
        var scratch = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            int offset = 0;
            while (offset < bytes.Length)
            {
                var status = Utf8.ToUtf16(bytes[offset..], scratch, out int read, out _, replaceInvalidSequences: false);
                offset += read;
                if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
                    throw new InvalidInputException($"byte offset {offset}: not valid UTF-8 (save the file as UTF-8)", file, LineAt(bytes, offset));
                if (status == System.Buffers.OperationStatus.Done) break;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Walks the JSON text (strings, and comments, which the readers skip) and refuses \uD800–\uDBFF not followed by
    /// \uDC00–\uDFFF, and \uDC00–\uDFFF not preceded by a high surrogate.
    /// </summary>
    public static void CheckSurrogateEscapes(ReadOnlySpan<byte> s, string? file)
    {
        if (s.IndexOf("\\u"u8) < 0) return;
        int i = 0;
        while (i < s.Length)
        {
            byte c = s[i];
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                int end = s[i..].IndexOf((byte)'\n');
                i = end < 0 ? s.Length : i + end;
                continue;
            }
            if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                int end = s[(i + 2)..].IndexOf("*/"u8);
                i = end < 0 ? s.Length : i + 2 + end + 2;
                continue;
            }
            if (c != '"')
            {
                i++;
                continue;
            }
            i++;
            while (i < s.Length && s[i] != '"')
            {
                if (s[i] != '\\')
                {
                    i++;
                    continue;
                }
                if (i + 1 < s.Length && s[i + 1] == 'u' && Hex(s, i + 2) is int unit)
                {
                    if (unit is >= 0xDC00 and <= 0xDFFF) throw Lone(s, i, file, "a low surrogate without a high one before it");
                    if (unit is >= 0xD800 and <= 0xDBFF)
                    {
                        bool paired = i + 7 < s.Length && s[i + 6] == '\\' && s[i + 7] == 'u' && Hex(s, i + 8) is >= 0xDC00 and <= 0xDFFF;
                        if (!paired) throw Lone(s, i, file, "a high surrogate without a low one after it");
                        i += 12;
                        continue;
                    }
                    i += 6;
                    continue;
                }
                i += 2; // any other escape, including \\ and \"
            }
            i++;
        }
    }

    private static int? Hex(ReadOnlySpan<byte> s, int at)
    {
        if (at + 4 > s.Length) return null;
        int v = 0;
        for (int k = 0; k < 4; k++)
        {
            int d = s[at + k] switch
            {
                >= (byte)'0' and <= (byte)'9' => s[at + k] - '0',
                >= (byte)'a' and <= (byte)'f' => s[at + k] - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => s[at + k] - 'A' + 10,
                _ => -1,
            };
            if (d < 0) return null;
            v = v * 16 + d;
        }
        return v;
    }

    private static InvalidInputException Lone(ReadOnlySpan<byte> s, int at, string? file, string what) =>
        new($"byte offset {at}: the escape {Encoding.ASCII.GetString(s.Slice(at, 6))} is {what} (a lone UTF-16 surrogate is not text)", file, LineAt(s, at));

    private static int LineAt(ReadOnlySpan<byte> s, int offset) => s[..Math.Min(offset, s.Length)].Count((byte)'\n') + 1;
}
