using System.Text;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// Turns the bytes of a real-world .inp file into lines: UTF-8 (with or without BOM) when valid, else Latin-1
/// (old EPANET files written on Windows); trailing NUL padding removed; CRLF, CR and LF all end a line.
/// </summary>
internal static class InpText
{
    public static string Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, out _);

    /// <param name="latin1">True when the bytes were not UTF-8 and were read as Latin-1.</param>
    public static string Decode(ReadOnlySpan<byte> bytes, out bool latin1)
    {
        latin1 = false;
        int end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == 0x1A)) end--; // NUL padding, DOS EOF mark
        bytes = bytes[..end];
        if (bytes.StartsWith("\xEF\xBB\xBF"u8)) bytes = bytes[3..];
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            latin1 = true;
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

    /// <summary>
    /// Splits a line into whitespace-separated tokens; a double-quoted token may contain spaces (EPANET 2.2);
    /// everything after an unquoted ';' is the comment.
    /// </summary>
    public static (List<string> Tokens, string? Comment) Tokenize(string line)
    {
        var tokens = new List<string>();
        string? comment = null;
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == ';')
            {
                comment = line[(i + 1)..].Trim();
                break;
            }
            if (char.IsWhiteSpace(c) || c == '\0')
            {
                i++;
                continue;
            }
            if (c == '"')
            {
                int close = line.IndexOf('"', i + 1);
                if (close < 0) close = line.Length;
                tokens.Add(line[(i + 1)..close]);
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != ';' && line[i] != '\0') i++;
            tokens.Add(line[start..i]);
        }
        return (tokens, comment);
    }
}
