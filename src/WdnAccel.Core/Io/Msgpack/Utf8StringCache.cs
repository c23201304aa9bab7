using System.Text;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// A bounded, direct-mapped cache from short UTF-8 byte strings to .NET strings. Scenario files repeat the same
/// short strings over and over (keys, enum names, node ids in every pipe, the same network in every scenario of
/// a batch); decoding each once saves most of the decoder's allocations. Collisions simply replace the slot.
/// </summary>
public sealed class Utf8StringCache
{
    private const int MaxLength = 32;
    private const int SlotCount = 4096; // power of two

    private readonly byte[]?[] _bytes = new byte[SlotCount][];
    private readonly string?[] _strings = new string[SlotCount];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0) return "";
        if (utf8.Length > MaxLength) return Encoding.UTF8.GetString(utf8);
        // FNV-1a.
        uint h = 2166136261;
        foreach (byte b in utf8) h = (h ^ b) * 16777619;
        int slot = (int)(h & (SlotCount - 1));
        var cached = _bytes[slot];
        if (cached is not null && utf8.SequenceEqual(cached)) return _strings[slot]!;
        var s = Encoding.UTF8.GetString(utf8);
        _bytes[slot] = utf8.ToArray();
        _strings[slot] = s;
        return s;
    }
}
