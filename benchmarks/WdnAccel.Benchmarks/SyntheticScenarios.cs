using WdnAccel.Core.Model;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Deterministic synthetic design scenarios for benchmarks: a square grid of junctions fed by one reservoir,
/// every pipe a decision pipe, two demand cases — the shape of a large pipe-sizing batch.
/// </summary>
public static class SyntheticScenarios
{
    public static Scenario Grid(int junctions, int seed)
    {
        var rng = new Random(seed);
        int side = (int)Math.Ceiling(Math.Sqrt(junctions));
        var js = new List<Junction>(junctions);
        var pipes = new List<Pipe>(2 * junctions);
        for (int i = 0; i < junctions; i++)
        {
            js.Add(new Junction($"J{i}", 10 + rng.NextDouble() * 40, [new DemandComponent(rng.NextDouble() * 0.01)],
                Coordinates: new Point2(i % side * 100.0, i / side * 100.0)));
            if (i % side > 0) pipes.Add(NewPipe(pipes.Count, $"J{i - 1}", $"J{i}", rng));
            if (i >= side) pipes.Add(NewPipe(pipes.Count, $"J{i - side}", $"J{i}", rng));
        }
        pipes.Add(new Pipe($"P{pipes.Count}", "R1", "J0", 50, 1.0, 130));
        return new Scenario
        {
            Name = $"grid-{junctions}-{seed}",
            Network = new Network
            {
                Title = "synthetic grid",
                Junctions = js,
                Reservoirs = [new Reservoir("R1", 100 + rng.NextDouble())],
                Pipes = pipes,
                DemandCases = [new DemandCase("base"), new DemandCase("peak", 1.8, MinPressure: 20)],
            },
            Design = new DesignSpec
            {
                Catalog = Enumerable.Range(1, 10).Select(k => new CatalogEntry(0.05 + k * 0.05, k * 20.0)).ToList(),
                DecisionPipes = pipes.Select(p => p.Id).ToList(),
                MinPressure = 25,
            },
            Solver = new SolverSettings { Algorithm = "ga", Seed = (ulong)seed, Evaluations = 100_000 },
        };
    }

    private static Pipe NewPipe(int index, string from, string to, Random rng) =>
        new($"P{index}", from, to, 100 + rng.NextDouble() * 50, 0.1 + rng.Next(10) * 0.05, 130);
}
