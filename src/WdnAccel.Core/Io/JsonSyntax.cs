using System.Text.Json;
using System.Text.RegularExpressions;

namespace WdnAccel.Core.Io;

/// <summary>
/// A JSON syntax error (<see cref="JsonException"/> from <see cref="Utf8JsonReader"/> or <see cref="JsonDocument"/>)
/// as bad input: "FILE, line L, byte B: not valid JSON: …" with 1-based positions. .NET's message ends in
/// " LineNumber: 0 | BytePositionInLine: 28." (0-based), which contradicted the 1-based line printed before it.
/// </summary>
public static partial class JsonSyntax
{
    [GeneratedRegex(@"\s*(?:Path: [^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex PositionSuffix();

    /// <summary>.NET's advice to the programmer of the reader ("Change the reader options.", ", when isFinalBlock is
    /// true"), which a user of the file cannot act on.</summary>
    [GeneratedRegex(@"(\s*Change the reader options\.|,? when isFinalBlock is true| which is not supported in this mode)")]
    private static partial Regex ReaderAdvice();

    /// <summary>What .NET says went wrong, without its 0-based position suffix or advice about the reader's settings.</summary>
    public static string Problem(JsonException e) => ReaderAdvice().Replace(PositionSuffix().Replace(e.Message, ""), "").Trim();

    /// <summary>
    /// The error as bad input at .NET's position made 1-based: line, and byte within that line (of the text the reader
    /// was given). <paramref name="lead"/> starts the problem text ("not valid JSON: …"), <paramref name="expected"/>
    /// ends it ("; expected …").
    /// </summary>
    public static InvalidInputException Invalid(JsonException e, string? file = null, string? field = null, string lead = "not valid JSON", string? expected = null) =>
        new(Text(e, lead, expected), file,
            line: e.LineNumber is { } l ? (int)l + 1 : null,
            field: field,
            inner: e,
            byteInLine: e.BytePositionInLine is { } b ? (int)b + 1 : null);

    /// <summary>
    /// The same for a reader that holds the bytes: .NET's position when the exception carries one, else that of
    /// <paramref name="offset"/> in <paramref name="utf8"/> (where the reader stopped, for a <see cref="JsonException"/>
    /// the reader threw itself, such as "the input ends early").
    /// </summary>
    public static InvalidInputException Invalid(JsonException e, ReadOnlySpan<byte> utf8, long offset, string? file = null, string? field = null, string lead = "not valid JSON")
    {
        if (e.LineNumber is not null) return Invalid(e, file, field, lead);
        var before = utf8[..(int)Math.Clamp(offset, 0, utf8.Length)];
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new InvalidInputException(Text(e, lead, null), file, line: before.Count((byte)'\n') + 1, field: field, inner: e, byteInLine: before.Length - lineStart + 1);
    }

    private static string Text(JsonException e, string lead, string? expected) =>
        $"{lead}: {Problem(e)}{(expected is null ? "" : $"; expected {expected}")}";
}
