namespace WdnAccel.Core.Optimizers;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014; constants as in Vigna's reference splitmix64.c), used to expand a
/// 64-bit seed into xoshiro256** state, as the xoshiro authors recommend.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
