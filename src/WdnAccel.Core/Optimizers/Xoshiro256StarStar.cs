using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Optimizers;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2021): a small,
/// fully specified generator, so runs are reproducible across .NET versions (System.Random's algorithm is not specified).
/// The generator itself is <see cref="RandomDesignStream"/>'s (a struct the GPU kernels also run), held as the state.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private RandomDesignStream _state;

    /// <summary>Seeds the state with four SplitMix64 outputs of <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed) => Reseed(seed);

    /// <summary>Restarts the stream as <c>new Xoshiro256StarStar(seed)</c> would, without allocating.</summary>
    public void Reseed(ulong seed) => _state = new RandomDesignStream(seed);

    /// <summary>Sets the raw state (must not be all zero); used by the reference-vector tests.</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("xoshiro256** state must not be all zero.");
        _state = new RandomDesignStream(s0, s1, s2, s3);
    }

    public ulong NextUInt64() => _state.Next();

    /// <summary>Uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="n"/>), unbiased (Lemire 2019, multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Bound must be positive.");
        return _state.NextInt(n);
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool NextBool(double p) => NextDouble() < p;

    /// <summary>Standard normal deviate (Box–Muller; one of the pair is discarded to keep the stream simple).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
