namespace WdnAccel.Core.Optimizers;

/// <summary>Variation and selection operators on integer genomes shared by the algorithms.</summary>
internal static class GenomeOperators
{
    public static void Randomize(Span<int> genome, int[] options, Xoshiro256StarStar rng)
    {
        for (int d = 0; d < genome.Length; d++) genome[d] = rng.NextInt(options[d]);
    }

    /// <summary>Uniform crossover: each gene from either parent with probability 1/2.</summary>
    public static void UniformCrossover(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> child, Xoshiro256StarStar rng)
    {
        for (int d = 0; d < child.Length; d++) child[d] = (rng.NextUInt64() >> 63) == 0 ? a[d] : b[d];
    }

    /// <summary>Single-point crossover: a cut c in [1, D−1]; genes before c from <paramref name="a"/>, the rest from <paramref name="b"/>.</summary>
    public static void SinglePointCrossover(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> child, Xoshiro256StarStar rng)
    {
        int n = child.Length;
        int cut = n > 1 ? 1 + rng.NextInt(n - 1) : n;
        a[..cut].CopyTo(child);
        b[cut..].CopyTo(child[cut..]);
    }

    /// <summary>Both single-point children of one cut.</summary>
    public static void SinglePointCrossoverPair(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> c1, Span<int> c2, Xoshiro256StarStar rng)
    {
        int n = c1.Length;
        int cut = n > 1 ? 1 + rng.NextInt(n - 1) : n;
        a[..cut].CopyTo(c1); b[cut..].CopyTo(c1[cut..]);
        b[..cut].CopyTo(c2); a[cut..].CopyTo(c2[cut..]);
    }

    /// <summary>
    /// Integer mutation: each gene with probability <paramref name="rate"/> is either reset to a different random
    /// index (probability <paramref name="resetProbability"/>) or moved by ±1..<paramref name="step"/> catalog steps,
    /// clamped to the catalog. Returns true when any gene changed.
    /// </summary>
    public static bool Mutate(Span<int> genome, int[] options, double rate, int step, double resetProbability, Xoshiro256StarStar rng)
    {
        bool changed = false;
        for (int d = 0; d < genome.Length; d++)
        {
            if (options[d] < 2 || !rng.NextBool(rate)) continue;
            changed |= MutateGene(genome, d, options[d], step, resetProbability, rng);
        }
        return changed;
    }

    /// <summary>Mutates one gene as <see cref="Mutate"/> does; true when its value changed.</summary>
    public static bool MutateGene(Span<int> genome, int d, int options, int step, double resetProbability, Xoshiro256StarStar rng)
    {
        if (options < 2) return false;
        int old = genome[d];
        if (rng.NextBool(resetProbability))
        {
            int v = rng.NextInt(options - 1);
            genome[d] = v >= old ? v + 1 : v; // uniform over the other options
        }
        else
        {
            int delta = 1 + rng.NextInt(step);
            int v = (rng.NextUInt64() >> 63) == 0 ? old + delta : old - delta;
            // Reflect at the catalog ends so an edge gene still moves.
            if (v < 0) v = Math.Min(options - 1, old + delta);
            else if (v >= options) v = Math.Max(0, old - delta);
            genome[d] = v;
        }
        return genome[d] != old;
    }

    /// <summary>Tournament selection: the lowest key among <paramref name="size"/> draws with replacement.</summary>
    public static int Tournament(ReadOnlySpan<double> keys, int count, int size, Xoshiro256StarStar rng)
    {
        int best = rng.NextInt(count);
        for (int i = 1; i < size; i++)
        {
            int c = rng.NextInt(count);
            if (keys[c] < keys[best]) best = c;
        }
        return best;
    }

    public static int Clamp(long v, int options) => v < 0 ? 0 : v >= options ? options - 1 : (int)v;
}
