using System.Text;

namespace WdnAccel.Core.Io;

/// <summary>
/// Reads comma-separated values as RFC 4180 defines them (the form spreadsheets save): fields separated by commas,
/// records by CRLF or LF, fields in double quotes may hold commas, line breaks and doubled quotes (""). Each record
/// carries the line it starts on, so readers can name it in errors. A UTF-8 byte-order mark is skipped; blank lines
/// are skipped.
/// </summary>
public static class CsvReader
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public static IEnumerable<Record> Read(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        int i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (i < text.Length)
        {
            int recordLine = line;
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    int quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw new InvalidInputException("a quoted field is not closed (a \" is missing)", fileName, quoteLine);
                        char c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n') line++;
                        field.Append(c);
                    }
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw new InvalidInputException($"unexpected '{text[i]}' after a quoted field (expected a comma or the end of the line)", fileName, line);
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"') throw new InvalidInputException("a \" inside an unquoted field (quote the whole field and double the \")", fileName, line);
                        field.Append(text[i++]);
                    }
                }
                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }
                break;
            }
            if (i < text.Length && text[i] == '\r') i++;
            if (i < text.Length && text[i] == '\n') i++;
            line++;
            if (fields.Count == 1 && fields[0].Length == 0) continue; // a blank line
            yield return new Record(recordLine, fields.ToArray());
        }
    }
}
