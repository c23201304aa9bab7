using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Synthetic networks for scaling benchmarks: a looped grid and a branched tree of a given junction count,
/// with residential-scale demands (0.05–0.3 L/s per junction), elevations 0–20 m, pipe lengths 80–250 m and
/// diameters sized for about 1 m/s, Hazen–Williams C = 120–140. Deterministic for a seed.
/// </summary>
public static class NetworkGenerator
{
    /// <summary>
    /// A near-square grid of <paramref name="junctions"/> junctions; one reservoir per started 2,500 junctions, spread
    /// over the grid's left edge, each feeding the nearest junction. Diameters shrink with grid distance from the
    /// reservoirs (trunk mains near the sources).
    /// </summary>
    public static Network Grid(int junctions, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(junctions, 2);
        var rng = new Random(seed);
        int cols = (int)Math.Ceiling(Math.Sqrt(junctions));
        int rows = (junctions + cols - 1) / cols;
        var js = Demands(junctions, rng, i => new Point2(100.0 * (i % cols), 100.0 * (i / cols)));
        int sources = (junctions + 2499) / 2500;
        var reservoirs = new List<Reservoir>();
        var pipes = new List<Pipe>();
        var sourceRows = Enumerable.Range(0, sources).Select(s => Math.Min(rows - 1, (2 * s + 1) * rows / (2 * sources))).ToArray();
        double totalDemand = js.Sum(j => j.BaseDemand);
        for (int s = 0; s < sources; s++)
        {
            int j = Math.Min(junctions - 1, sourceRows[s] * cols);
            reservoirs.Add(new Reservoir($"R{s + 1}", 80.0, Coordinates: new Point2(-100, 100.0 * sourceRows[s])));
            pipes.Add(new Pipe($"S{s + 1}", $"R{s + 1}", js[j].Id, 50, Size(totalDemand / sources), 130));
        }
        double maxDistance = cols + rows / (2.0 * sources);
        double Distance(int i) => (i % cols) + sourceRows.Min(r => Math.Abs(i / cols - r));
        int n = 0;
        for (int i = 0; i < junctions; i++)
        {
            double frac = 1.0 - Math.Min(1.0, (Distance(i) / maxDistance));
            double flow = totalDemand / sources / 4.0 * frac * frac + 1e-4;
            if (i % cols + 1 < cols && i + 1 < junctions)
                pipes.Add(new Pipe($"P{++n}", js[i].Id, js[i + 1].Id, Length(rng), Size(flow), C(rng)));
            if (i + cols < junctions)
                pipes.Add(new Pipe($"P{++n}", js[i].Id, js[i + cols].Id, Length(rng), Size(flow), C(rng)));
        }
        return new Network { Title = $"synthetic grid, {junctions} junctions, seed {seed}", Junctions = js, Reservoirs = reservoirs, Pipes = pipes };
    }

    /// <summary>A random branched network: junction i hangs from one of the ten junctions before it; one reservoir feeds junction 0. Pipes are sized for the demand downstream of them.</summary>
    public static Network Tree(int junctions, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(junctions, 2);
        var rng = new Random(seed);
        var parent = new int[junctions];
        parent[0] = -1;
        for (int i = 1; i < junctions; i++) parent[i] = rng.Next(Math.Max(0, i - 10), i);
        var js = Demands(junctions, rng, i => new Point2(i, 0));
        var downstream = js.Select(j => j.BaseDemand).ToArray();
        for (int i = junctions - 1; i > 0; i--) downstream[parent[i]] += downstream[i];
        var pipes = new List<Pipe> { new("P0", "R1", js[0].Id, 50, Size(downstream[0]), 130) };
        for (int i = 1; i < junctions; i++)
            pipes.Add(new Pipe($"P{i}", js[parent[i]].Id, js[i].Id, Length(rng), Size(downstream[i]), C(rng)));
        return new Network
        {
            Title = $"synthetic tree, {junctions} junctions, seed {seed}",
            Junctions = js,
            Reservoirs = [new Reservoir("R1", 80.0)],
            Pipes = pipes,
        };
    }

    private static List<Junction> Demands(int count, Random rng, Func<int, Point2> at) =>
        Enumerable.Range(0, count).Select(i => new Junction(
            $"J{i + 1}", Math.Round(20 * rng.NextDouble(), 2), [new DemandComponent((0.05 + 0.25 * rng.NextDouble()) * 1e-3)],
            Coordinates: at(i))).ToList();

    /// <summary>Diameter for about 1 m/s at <paramref name="flow"/> m³/s, at least 80 mm.</summary>
    private static double Size(double flow) => Math.Max(0.08, Math.Round(Math.Sqrt(4 * flow / Math.PI), 3));

    private static double Length(Random rng) => Math.Round(80 + 170 * rng.NextDouble(), 1);

    private static double C(Random rng) => 120 + 20 * rng.Next(2);
}
