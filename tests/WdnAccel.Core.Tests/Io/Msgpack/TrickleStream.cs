namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>An unseekable stream that hands out at most <c>chunk</c> bytes per read (a pipe or socket's behaviour).</summary>
internal sealed class TrickleStream(byte[] data, int chunk = 1) : Stream
{
    private int _pos;

    public int ReadCalls { get; private set; }
    /// <summary>Bytes handed out so far.</summary>
    public int Consumed => _pos;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ReadCalls++;
        int n = Math.Min(Math.Min(count, chunk), data.Length - _pos);
        Array.Copy(data, _pos, buffer, offset, n);
        _pos += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
