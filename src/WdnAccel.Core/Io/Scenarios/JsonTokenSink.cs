using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Scenario tokens to indented JSON for hand editing: maps one key per line, arrays of plain values (points,
/// multipliers, ids) on one line. Doubles in round-trip ("R") form so that they read back bit-exactly.
/// </summary>
internal sealed class JsonTokenSink(StringBuilder text) : IScenarioTokenSink
{
    private sealed class Frame(bool isArray, int count)
    {
        public bool IsArray { get; } = isArray;
        public int Count { get; } = count;
        public int Written { get; set; }
        public bool Inline { get; set; }
    }

    private readonly Stack<Frame> _frames = new();

    public void BeginMap(int count) => BeginContainer(false, count);
    public void BeginArray(int count) => BeginContainer(true, count);
    public void EndMap() => EndContainer('}');
    public void EndArray() => EndContainer(']');

    public void Key(string name)
    {
        var f = _frames.Peek();
        if (f.Written++ > 0) text.Append(',');
        NewLine(_frames.Count);
        AppendString(name);
        text.Append(": ");
    }

    public void String(string value)
    {
        Prefix(scalar: true);
        AppendString(value);
    }

    public void Double(double value)
    {
        Prefix(scalar: true);
        // −0 would read back as the integer 0; keep its sign with an explicit fraction.
        text.Append(value == 0 && double.IsNegative(value) ? "-0.0" : value.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Int64(long value)
    {
        Prefix(scalar: true);
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void UInt64(ulong value)
    {
        Prefix(scalar: true);
        text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Boolean(bool value)
    {
        Prefix(scalar: true);
        text.Append(value ? "true" : "false");
    }

    public void Nil()
    {
        Prefix(scalar: true);
        text.Append("null");
    }

    private void BeginContainer(bool isArray, int count)
    {
        Prefix(scalar: false);
        text.Append(isArray ? '[' : '{');
        _frames.Push(new Frame(isArray, count));
    }

    private void EndContainer(char close)
    {
        var f = _frames.Pop();
        if (f.Count > 0 && !f.Inline) NewLine(_frames.Count);
        text.Append(close);
    }

    /// <summary>Separator and line break before a value; a map value follows its key on the same line.</summary>
    private void Prefix(bool scalar)
    {
        if (_frames.Count == 0 || !_frames.Peek().IsArray) return;
        var f = _frames.Peek();
        if (f.Written == 0) f.Inline = scalar;
        if (f.Written++ > 0) text.Append(f.Inline ? ", " : ",");
        if (!f.Inline) NewLine(_frames.Count);
    }

    private void NewLine(int depth) => text.Append('\n').Append(' ', 2 * depth);

    private void AppendString(string value) =>
        text.Append('"').Append(JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value).Append('"');
}
