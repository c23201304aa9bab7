using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// A bounded, direct-mapped cache from short UTF-8 byte strings to .NET strings. Scenario files repeat the same
/// short strings over and over (keys, enum names, node ids in every pipe, the same network in every scenario of
/// a batch); decoding each once saves most of the decoder's time and allocations. Only valid UTF-8 is ever
/// stored, so a hit needs no validation. Collisions simply replace the slot.
/// </summary>
public sealed class Utf8StringCache
{
    private const int MaxLength = 32;
    private const int SlotBits = 14;

    /// <summary>A string of up to 16 bytes, kept as two little-endian words so that a hit is two compares.</summary>
    private struct ShortEntry
    {
        public ulong Head, Tail;
        public int Length;
        public string? Value;
    }

    private readonly ShortEntry[] _short = new ShortEntry[1 << SlotBits];
    private readonly byte[]?[] _bytes = new byte[1 << SlotBits][];
    private readonly string?[] _strings = new string[1 << SlotBits];

    [ThreadStatic]
    private static Utf8StringCache? t_shared;

    /// <summary>A cache kept by the calling thread, for one-off reads (a single file) that have none of their own.</summary>
    public static Utf8StringCache ForThisThread => t_shared ??= new Utf8StringCache();

    /// <summary>The string of <paramref name="utf8"/>, or null when the bytes are not valid UTF-8.</summary>
    public string? Get(ReadOnlySpan<byte> utf8)
    {
        int length = utf8.Length;
        if (length == 0) return "";
        if (length <= 16) return GetShort(utf8);
        if (length > MaxLength) return Decode(utf8);
        int slot = Slot(BinaryPrimitives.ReadUInt64LittleEndian(utf8), BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]), length);
        var cached = _bytes[slot];
        if (cached is not null && utf8.SequenceEqual(cached)) return _strings[slot];
        var s = Decode(utf8);
        if (s is null) return null;
        _bytes[slot] = utf8.ToArray();
        _strings[slot] = s;
        return s;
    }

    private string? GetShort(ReadOnlySpan<byte> utf8)
    {
        // Overlapping loads identify the bytes exactly once the length is known (no copy, no padding).
        int length = utf8.Length;
        ulong head, tail = 0;
        if (length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[(length - 8)..]);
        }
        else if (length >= 4)
        {
            head = BinaryPrimitives.ReadUInt32LittleEndian(utf8) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(utf8[(length - 4)..]) << 32);
        }
        else
        {
            head = utf8[0] | ((ulong)utf8[length >> 1] << 8) | ((ulong)utf8[length - 1] << 16);
        }
        ref var entry = ref _short[Slot(head, tail, length)];
        if (entry.Head == head && entry.Tail == tail && entry.Length == length) return entry.Value;
        var s = Decode(utf8);
        if (s is null) return null;
        entry.Head = head;
        entry.Tail = tail;
        entry.Length = length;
        entry.Value = s;
        return s;
    }

    /// <summary>The string of valid UTF-8, else null (MessagePack-CSharp would decode invalid bytes to U+FFFD).</summary>
    public static string? Decode(ReadOnlySpan<byte> utf8) => Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;

    /// <summary>A multiplicative hash of two 8-byte words and the length.</summary>
    private static int Slot(ulong head, ulong tail, int length)
    {
        ulong h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)length * 0x165667B19E3779F9UL);
        return (int)(h >> (64 - SlotBits));
    }
}
