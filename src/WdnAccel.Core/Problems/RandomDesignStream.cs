using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Random design number <c>index</c> of a seed's own stream: xoshiro256** (Blackman &amp; Vigna 2021) seeded from a
/// SplitMix64 hash of the run's seed mixed with the index, and each decision drawn by Lemire's multiply-and-reject
/// (2019). A struct with no allocation or exceptions, so the host (<see cref="RandomDesignThroughput.DrawDesign"/>)
/// and the GPU kernel that draws designs on the device run this one definition and get the same design i, whatever
/// thread, batch or backend draws it. It is also the state of <see cref="Xoshiro256StarStar"/>, so the generator is
/// written once.
/// </summary>
public struct RandomDesignStream
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomDesignStream(int seed, long index) : this(Seed(seed, index))
    {
    }

    /// <summary>xoshiro256** seeded with four SplitMix64 outputs of <paramref name="streamSeed"/>.</summary>
    internal RandomDesignStream(ulong streamSeed)
    {
        var mix = new SplitMix64(streamSeed);
        _s0 = mix.Next();
        _s1 = mix.Next();
        _s2 = mix.Next();
        _s3 = mix.Next();
    }

    /// <summary>xoshiro256** from a raw state (not all zero; the caller checks).</summary>
    internal RandomDesignStream(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The generator's state, for the eight-lane draw (<see cref="RandomDesignDraw"/>) that starts from it.</summary>
    internal readonly (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>The seed of design <paramref name="index"/>'s stream: a SplitMix64 hash of the run's seed, mixed with the index.</summary>
    public static ulong Seed(int seed, long index) => new SplitMix64((ulong)(uint)seed).Next() ^ (ulong)index * 0xD1B54A32D192ED03UL;

    /// <summary>xoshiro256** next: rotl(s1·5, 7)·9, then the state update.</summary>
    public ulong Next()
    {
        ulong five = _s1 * 5;
        ulong result = ((five << 7) | (five >> 57)) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = (_s3 << 45) | (_s3 >> 19);
        return result;
    }

    /// <summary>Uniform in [0, <paramref name="n"/>) for n ≥ 1, unbiased (Lemire 2019); no bound check, for the kernels.</summary>
    public int NextInt(int n)
    {
        ulong bound = (ulong)n;
        ulong m = (Next() >> 32) * bound;
        if ((uint)m < bound)
        {
            uint threshold = (uint)((0x1_0000_0000UL - bound) % bound);
            while ((uint)m < threshold) m = (Next() >> 32) * bound;
        }
        return (int)(m >> 32);
    }
}
