using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Random designs <c>first .. first + count − 1</c> of a seed, eight at a time: design i's own xoshiro256** stream
/// (<see cref="RandomDesignStream"/>) runs in one 64-bit lane of a 512-bit vector, so eight designs
/// take the time of one. Every value equals the one-design-at-a-time draw: the rare Lemire rejection (a draw's low
/// word under the bound, probability n/2³² per draw) sends the block back to the scalar path.
/// </summary>
public static class RandomDesignDraw
{
    private const int Lanes = 8;

    public static void Draw(int seed, long first, int count, int[] options, Span<int> genomes)
    {
        int d = options.Length, g = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Span<ulong> s0 = stackalloc ulong[Lanes], s1 = stackalloc ulong[Lanes], s2 = stackalloc ulong[Lanes], s3 = stackalloc ulong[Lanes];
            for (; g + Lanes <= count; g += Lanes)
            {
                for (int l = 0; l < Lanes; l++)
                    (s0[l], s1[l], s2[l], s3[l]) = new RandomDesignStream(seed, first + g + l).State;
                if (!Block(s0, s1, s2, s3, options, genomes.Slice(g * d, Lanes * d)))
                {
                    for (int l = 0; l < Lanes; l++)
                        RandomDesignThroughput.DrawDesign(seed, first + g + l, options, genomes.Slice((g + l) * d, d));
                }
            }
        }
        for (; g < count; g++) RandomDesignThroughput.DrawDesign(seed, first + g, options, genomes.Slice(g * d, d));
    }

    /// <summary>Eight designs' draws, decision by decision; false when a lane would need Lemire's rejection step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Block(Span<ulong> s0, Span<ulong> s1, Span<ulong> s2, Span<ulong> s3, int[] options, Span<int> genomes)
    {
        int d = options.Length;
        var a = Vector512.Create<ulong>(s0); var b = Vector512.Create<ulong>(s1);
        var c = Vector512.Create<ulong>(s2); var e = Vector512.Create<ulong>(s3);
        Span<ulong> drawn = stackalloc ulong[Lanes];
        var rejected = Vector512<ulong>.Zero;
        for (int j = 0; j < d; j++)
        {
            // xoshiro256** next (Blackman & Vigna): rotl(s1·5, 7)·9, then the state update.
            var five = (b << 2) + b;
            var rot = (five << 7) | (five >> 57);
            var result = (rot << 3) + rot;
            var t = b << 17;
            c ^= a; e ^= b; b ^= c; a ^= e;
            c ^= t;
            e = (e << 45) | (e >> 19);
            // Lemire: m = (x >> 32)·n; the value is m >> 32, kept unless the low word falls under n.
            var bound = Vector512.Create((ulong)options[j]);
            var m = (result >> 32) * bound;
            rejected |= Vector512.LessThan(m & Vector512.Create(0xFFFF_FFFFUL), bound);
            (m >> 32).CopyTo(drawn);
            for (int l = 0; l < Lanes; l++) genomes[l * d + j] = (int)drawn[l];
        }
        return rejected == Vector512<ulong>.Zero;
    }
}
