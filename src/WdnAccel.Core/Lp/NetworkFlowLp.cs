namespace WdnAccel.Core.Lp;

/// <summary>
/// Generates reproducible min-cost network-flow LPs (benchmarks, tests, `bench`): n = arcs/4 nodes, a ring of
/// expensive uncapacitated arcs that keeps every instance feasible, and random arcs with integer costs 1..20
/// and capacities 5..50; half the nodes supply or demand integer amounts that sum to zero. One equality row
/// per node (flow out − flow in = supply), one variable per arc.
/// </summary>
public static class NetworkFlowLp
{
    public static LpModel Generate(int arcs, int seed = 1)
    {
        var rng = new Random(seed);
        int n = Math.Max(4, arcs / 4);
        var model = new LpModel { Name = $"netflow-{arcs}" };
        var outArcs = new List<(int Var, Rational Coef)>[n];
        for (int i = 0; i < n; i++) outArcs[i] = [];
        void Arc(int from, int to, int cost, int? cap)
        {
            int j = model.AddVariable($"f{model.Variables.Count}_{from}_{to}", Rational.Zero, cap is { } c ? new Rational(c) : null, cost);
            outArcs[from].Add((j, Rational.One));
            outArcs[to].Add((j, Rational.MinusOne));
        }
        for (int i = 0; i < n; i++) Arc(i, (i + 1) % n, 100, null);
        while (model.Variables.Count < arcs)
        {
            int a = rng.Next(n), b = rng.Next(n);
            if (a != b) Arc(a, b, rng.Next(1, 21), rng.Next(5, 51));
        }
        var supply = new int[n];
        for (int k = 0; k < n / 4; k++)
        {
            int a = rng.Next(n), b = rng.Next(n), amount = rng.Next(1, 30);
            supply[a] += amount;
            supply[b] -= amount;
        }
        for (int i = 0; i < n; i++)
            model.AddConstraint($"node_{i}", outArcs[i].Select(t => new LpTerm(t.Var, t.Coef)), LpRowSense.Equal, supply[i]);
        return model;
    }
}
