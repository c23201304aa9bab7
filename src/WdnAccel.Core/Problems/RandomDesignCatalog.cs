using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// What a random catalog design writes into its lanes, as <see cref="PipeSizingProblem"/> decodes a genome: decision
/// pipe j at option o gets <see cref="Diameter"/>[o] and, where the catalog sets roughness per size,
/// <see cref="Roughness"/>[j × options + o] (the pipe's base roughness where that size has none). Every decision has
/// the same options (the catalog), drawn by <see cref="RandomDesignStream.NextInt"/>.
/// </summary>
public sealed record RandomDesignCatalog(int[] DecisionPipes, double[] Diameter, double[]? Roughness)
{
    public int Options => Diameter.Length;

    public static RandomDesignCatalog Of(CompiledNetwork net, DesignSpec design)
    {
        var diameter = design.Catalog.Select(e => e.Diameter).ToArray();
        double[]? roughness = null;
        if (design.Catalog.Any(e => e.Roughness is not null))
        {
            roughness = new double[net.DecisionPipes.Length * diameter.Length];
            for (int j = 0; j < net.DecisionPipes.Length; j++)
                for (int o = 0; o < diameter.Length; o++)
                    roughness[j * diameter.Length + o] = design.Catalog[o].Roughness ?? net.BaseRoughness[net.DecisionPipes[j]];
        }
        return new RandomDesignCatalog(net.DecisionPipes, diameter, roughness);
    }

    /// <summary>
    /// Lanes for <paramref name="designs"/> designs of <paramref name="cases"/> demand cases each, as a draw fills them
    /// (on the device, or <see cref="WriteDesigns"/>): design g's case c in lane g·cases + c. Outputs stay on the device.
    /// </summary>
    public static HydraulicBatch Lanes(CompiledNetwork net, int designs, int cases)
    {
        var lanes = new HydraulicBatch(net, designs * cases) { OutputsToHost = false };
        var caseOfLane = CaseOfLane(lanes.Count, cases);
        for (int lane = 0; lane < lanes.Count; lane++) lanes.SetDemandCase(lane, caseOfLane[lane]);
        return lanes;
    }

    /// <summary>The demand case of each of <paramref name="lanes"/> lanes laid out as <see cref="Lanes"/> lays them out (for the limits kernel).</summary>
    public static int[] CaseOfLane(int lanes, int cases) => Enumerable.Range(0, lanes).Select(lane => lane % cases).ToArray();

    /// <summary>
    /// Random designs <paramref name="first"/> … first + count − 1 of <paramref name="seed"/>, drawn on the host
    /// (<see cref="RandomDesignDraw.Draw"/>, eight at a time) and written as a device's draw writes them: design g's
    /// diameters (and roughness where the catalog sets it) into lanes g·cases … g·cases + cases − 1.
    /// </summary>
    public void WriteDesigns(HydraulicBatch batch, int seed, long first, int count, int cases)
    {
        var options = Enumerable.Repeat(Options, DecisionPipes.Length).ToArray();
        int d = options.Length;
        var genomes = new int[count * d];
        RandomDesignDraw.Draw(seed, first, count, options, genomes);
        for (int g = 0; g < count; g++)
        {
            var genome = genomes.AsSpan(g * d, d);
            for (int c = 0; c < cases; c++)
                for (int j = 0; j < genome.Length; j++)
                    batch.SetPipe(g * cases + c, DecisionPipes[j], Diameter[genome[j]], Roughness?[j * Options + genome[j]]);
        }
    }
}
