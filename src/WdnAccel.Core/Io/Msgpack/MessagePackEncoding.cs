using System.Buffers;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>Writes through MessagePack-CSharp's <see cref="Lib.MessagePackWriter"/> (a ref struct) into bytes or a stream.</summary>
public static class MessagePackEncoding
{
    public delegate void Write<in TState>(ref Lib.MessagePackWriter writer, TState state);

    /// <summary>The bytes that <paramref name="write"/> produces.</summary>
    public static byte[] Encode<TState>(TState state, Write<TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new Lib.MessagePackWriter(buffer);
        write(ref writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="stream"/> in 64 KiB chunks; flushes the stream.</summary>
    public static void WriteTo<TState>(Stream stream, TState state, Write<TState> write)
    {
        var buffer = new StreamBufferWriter(stream);
        var writer = new Lib.MessagePackWriter(buffer);
        write(ref writer, state);
        writer.Flush();
        buffer.Flush();
    }
}
