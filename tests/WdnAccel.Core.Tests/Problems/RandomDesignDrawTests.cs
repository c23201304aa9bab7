using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Tests.Problems;

/// <summary>The eight-at-a-time draw against the one-design-at-a-time definition (RandomDesignThroughput.DrawDesign).</summary>
public class RandomDesignDrawTests
{
    private static int[] OneByOne(int seed, long first, int count, int[] options)
    {
        int d = options.Length;
        var genomes = new int[count * d];
        for (int g = 0; g < count; g++) RandomDesignThroughput.DrawDesign(seed, first + g, options, genomes.AsSpan(g * d, d));
        return genomes;
    }

    [Theory]
    [InlineData(1, 0L, 1000, new[] { 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6 })] // Hanoi's 34 × 6
    [InlineData(7, 12_345L, 333, new[] { 14, 14, 14, 14, 14, 14, 14, 14 })] // two-loop, a count that is no multiple of 8
    [InlineData(-3, 5L, 17, new[] { 1, 2, 3, 1000, 65_536 })]
    public void Every_design_equals_its_own_stream(int seed, long first, int count, int[] options)
    {
        var genomes = new int[count * options.Length];
        RandomDesignDraw.Draw(seed, first, count, options, genomes);
        Assert.Equal(OneByOne(seed, first, count, options), genomes);
        Assert.All(Enumerable.Range(0, genomes.Length), i => Assert.InRange(genomes[i], 0, options[i % options.Length] - 1));
    }

    [Fact]
    public void A_draw_that_needs_Lemire_rejection_still_equals_its_own_stream()
    {
        // With n near 2^31 about half of all draws have a low word under n: blocks fall back to the scalar path.
        int[] options = [int.MaxValue - 1, 3, int.MaxValue];
        var genomes = new int[64 * 3];
        RandomDesignDraw.Draw(11, 100, 64, options, genomes);
        Assert.Equal(OneByOne(11, 100, 64, options), genomes);
    }

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(-3, 123_456_789_012L)]
    public void A_designs_stream_is_xoshiro256_seeded_with_its_stream_seed(int seed, long index)
    {
        // The struct the GPU kernel draws with against the class checked on the published reference vectors.
        var stream = new RandomDesignStream(seed, index);
        var reference = new Xoshiro256StarStar(RandomDesignStream.Seed(seed, index));
        for (int i = 0; i < 100; i++) Assert.Equal(reference.NextUInt64(), stream.Next());
        foreach (int n in new[] { 1, 6, 14, 1000, 65_536, int.MaxValue - 1, int.MaxValue })
            for (int i = 0; i < 200; i++) Assert.Equal(reference.NextInt(n), stream.NextInt(n));
    }
}
