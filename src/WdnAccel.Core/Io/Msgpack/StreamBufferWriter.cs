using System.Buffers;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that passes what is written on to a <see cref="Stream"/> once 64 KiB have
/// gathered, so MessagePack-CSharp's writer can stream a file of any size in constant memory. Call
/// <see cref="Flush"/> after the writer's own Flush.
/// </summary>
public sealed class StreamBufferWriter(Stream stream, int chunk = 64 * 1024) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[chunk];
    private int _count;

    public long BytesWritten { get; private set; }

    public void Advance(int count)
    {
        _count += count;
        BytesWritten += count;
        if (_count >= chunk) Drain();
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_count);
    }

    public void Flush()
    {
        Drain();
        stream.Flush();
    }

    private void Ensure(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _count >= need) return;
        Drain();
        if (_buffer.Length < need) _buffer = new byte[need];
    }

    private void Drain()
    {
        if (_count == 0) return;
        stream.Write(_buffer, 0, _count);
        _count = 0;
    }
}
