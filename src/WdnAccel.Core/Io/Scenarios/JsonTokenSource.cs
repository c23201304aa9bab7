using System.Buffers;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// JSON text tokenized with <see cref="Utf8JsonReader"/> into a flat list of MessagePack-like tokens, each with
/// its line, and with container sizes filled in, so the MessagePack schema reader can walk it unchanged.
/// Comments and trailing commas are accepted (the JSON form is for hand editing).
/// </summary>
internal sealed class JsonTokenSource : ScenarioTokenSource
{
    private readonly struct Token(MessagePackType type, int line, string? text = null, double number = 0, long integer = 0, ulong unsignedInteger = 0, byte integerForm = 0)
    {
        public MessagePackType Type { get; } = type;
        public int Line { get; } = line;
        public string? Text { get; } = text;
        public double Number { get; } = number;
        public long Integer { get; } = integer;
        public ulong UnsignedInteger { get; } = unsignedInteger;
        /// <summary>0: fits in long; 1: only in ulong.</summary>
        public byte IntegerForm { get; } = integerForm;
    }

    private readonly List<Token> _tokens = [];
    private readonly List<int> _counts = [];   // container sizes, indexed by Token.Integer of a container token
    private int _next;

    public JsonTokenSource(string text, string? fileName)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidInputException("empty JSON document: expected a scenario object", fileName, 1);
        var utf8 = Encoding.UTF8.GetBytes(text);
        StrictText.CheckSurrogateEscapes(utf8, fileName); // bytes from a .NET string are UTF-8 already
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') lineStarts.Add(i + 1);
        int LineOf(long index)
        {
            int k = lineStarts.BinarySearch((int)index);
            return (k >= 0 ? k : ~k - 1) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
        var open = new Stack<int>(); // indexes into _counts
        try
        {
            while (reader.Read())
            {
                int line = LineOf(reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    open.Pop();
                    continue;
                }
                // Every value inside an array, and every property name inside an object, is one element.
                if (open.Count > 0 && (reader.TokenType == JsonTokenType.PropertyName || _tokens[_containerTokenOf[open.Peek()]].Type == MessagePackType.Array))
                {
                    _counts[open.Peek()]++;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var type = reader.TokenType == JsonTokenType.StartObject ? MessagePackType.Map : MessagePackType.Array;
                        _tokens.Add(new Token(type, line, integer: _counts.Count));
                        _containerTokenOf.Add(_tokens.Count - 1);
                        open.Push(_counts.Count);
                        _counts.Add(0);
                        break;
                    case JsonTokenType.PropertyName:
                    case JsonTokenType.String:
                        _tokens.Add(new Token(MessagePackType.String, line, text: reader.GetString()));
                        break;
                    case JsonTokenType.Number:
                        _tokens.Add(NumberToken(ref reader, line, fileName));
                        break;
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        _tokens.Add(new Token(MessagePackType.Boolean, line, integer: reader.TokenType == JsonTokenType.True ? 1 : 0));
                        break;
                    case JsonTokenType.Null:
                        _tokens.Add(new Token(MessagePackType.Nil, line));
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, fileName, lead: "invalid JSON");
        }
        if (_tokens.Count == 0) throw new InvalidInputException("empty JSON document", fileName, 1);
        _endLine = lineStarts.Count;
    }

    private readonly List<int> _containerTokenOf = [];
    private readonly int _endLine;

    public override MessagePackType PeekType() => Current().Type;

    public override string DescribeNext()
    {
        var t = Current();
        return t.Type switch
        {
            MessagePackType.Nil => "null",
            MessagePackType.Boolean => t.Integer != 0 ? "true" : "false",
            MessagePackType.Integer or MessagePackType.Float => "a number",
            MessagePackType.String => $"the string \"{t.Text}\"",
            MessagePackType.Array => "an array",
            _ => "an object",
        };
    }

    public override long Mark() => _next < _tokens.Count ? _tokens[_next].Line : _endLine;
    public override (string? Offset, int? Line) Locate(long mark) => (null, (int)mark);

    public override int ReadMapHeader() => _counts[(int)Take(MessagePackType.Map).Integer];
    public override int ReadArrayHeader() => _counts[(int)Take(MessagePackType.Array).Integer];
    public override string ReadString() => Take(MessagePackType.String).Text!;

    public override double ReadDouble()
    {
        var t = Current();
        _next++;
        return t.Type == MessagePackType.Float ? t.Number : t.IntegerForm == 0 ? t.Integer : t.UnsignedInteger;
    }

    public override long ReadInt64()
    {
        var t = Take(MessagePackType.Integer);
        if (t.IntegerForm != 0) throw new InvalidInputException($"integer {t.UnsignedInteger} is larger than {long.MaxValue}", null, t.Line);
        return t.Integer;
    }

    public override ulong ReadUInt64()
    {
        var t = Take(MessagePackType.Integer);
        if (t.IntegerForm != 0) return t.UnsignedInteger;
        if (t.Integer < 0) throw new InvalidInputException($"expected a non-negative integer, got {t.Integer}", null, t.Line);
        return (ulong)t.Integer;
    }

    public override bool ReadBoolean() => Take(MessagePackType.Boolean).Integer != 0;
    public override void ReadNil() => Take(MessagePackType.Nil);

    /// <summary>True when every token has been consumed.</summary>
    public bool IsAtEnd => _next >= _tokens.Count;

    public override int Position { get => _next; set => _next = value; }

    private Token Current() =>
        _next < _tokens.Count ? _tokens[_next] : throw new InvalidInputException("unexpected end of the JSON document", null, _endLine);

    private Token Take(MessagePackType type)
    {
        var t = Current();
        if (t.Type != type) throw new InvalidOperationException($"token type {t.Type}, the schema reader expected {type}");
        _next++;
        return t;
    }

    private static Token NumberToken(ref Utf8JsonReader reader, int line, string? fileName)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        bool negativeZero = raw.Length > 0 && raw[0] == (byte)'-';
        if (reader.TryGetInt64(out long l) && !(l == 0 && negativeZero))
        {
            return new Token(MessagePackType.Integer, line, integer: l);
        }
        if (reader.TryGetUInt64(out ulong u))
        {
            return new Token(MessagePackType.Integer, line, unsignedInteger: u, integerForm: 1);
        }
        if (!reader.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            string text = Encoding.UTF8.GetString(raw);
            if (text.Length > 40) text = $"{text[..20]}…({text.Length} characters)";
            throw new InvalidInputException($"number {text} is out of the range of a double", fileName, line);
        }
        return new Token(MessagePackType.Float, line, number: d);
    }
}
