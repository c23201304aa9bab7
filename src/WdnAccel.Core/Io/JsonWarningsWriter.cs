using System.Buffers;
using System.Text;

namespace WdnAccel.Core.Io;

/// <summary>
/// The buffer a <see cref="System.Text.Json.Utf8JsonWriter"/> writes one JSON document into, passed on to a stream
/// as the writer commits it (a writer on a Stream would hold the whole document until flushed) except for its last
/// bytes, so that <see cref="Complete"/> can add a last member ("warnings") before the closing brace of the outer
/// object: a 90,000-junction answer streams to its file while it is written. The member goes where the text form
/// would put it: after the last member, whitespace before the closing brace dropped, as "\n  \"warnings\": [...]\n}".
/// </summary>
public sealed class JsonWarningsWriter(Stream inner) : IBufferWriter<byte>
{
    // The indented writer ends an object with "\n}"; a few more bytes cover any trailing whitespace.
    private const int Hold = 64;
    private readonly byte[] _tail = new byte[Hold * 2];
    private int _held;
    private byte _firstByte;        // first non-whitespace byte of the document (0 before it)
    private byte _lastPassedByte;   // last non-whitespace byte already passed to inner

    private byte[] _scratch = new byte[1 << 16];

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _scratch.Length) _scratch = new byte[sizeHint];
        return _scratch;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>The writer has filled the first <paramref name="count"/> bytes of the last memory it got.</summary>
    public void Advance(int count) => Write(_scratch.AsSpan(0, count));

    private void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            int take = Math.Min(buffer.Length, _tail.Length - _held);
            buffer[..take].CopyTo(_tail.AsSpan(_held));
            _held += take;
            buffer = buffer[take..];
            if (_held > Hold) Pass(_held - Hold);
        }
    }

    private void Pass(int count)
    {
        var span = _tail.AsSpan(0, count);
        foreach (byte b in span)
        {
            if (IsSpace(b)) continue;
            if (_firstByte == 0) _firstByte = b;
            _lastPassedByte = b;
        }
        inner.Write(span);
        _tail.AsSpan(count, _held - count).CopyTo(_tail);
        _held -= count;
    }

    /// <summary>Writes the held tail, with the warnings member inserted when the document is an object.</summary>
    public void Complete(IReadOnlyList<JsonWarning> warnings)
    {
        var tail = _tail.AsSpan(0, _held);
        int end = tail.Length - 1;
        while (end >= 0 && IsSpace(tail[end])) end--;
        byte first = _firstByte;
        if (first == 0) foreach (byte b in tail) if (!IsSpace(b)) { first = b; break; }
        if (end < 0 || tail[end] != (byte)'}' || first != (byte)'{')
        {
            inner.Write(tail);
            _held = 0;
            return;
        }
        int before = end - 1;
        while (before >= 0 && IsSpace(tail[before])) before--;
        byte previous = before >= 0 ? tail[before] : _lastPassedByte;
        inner.Write(tail[..(before + 1)]);
        string member = JsonOutput.WarningsMember(warnings);
        inner.Write(Encoding.UTF8.GetBytes((previous == (byte)'{' ? "\n  " : ",\n  ") + member + "\n}"));
        _held = 0;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}
