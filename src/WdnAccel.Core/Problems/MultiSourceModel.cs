using WdnAccel.Core.Compute;
using WdnAccel.Core.Graphs;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The Lishui case's multi-source allocation model (Zhang et al. 2025, Water 17(1):61, sections 2.2–2.3), compiled
/// from a graph_allocation block: plants, demand units with their lower bounds, and one <see cref="SupplyRoute"/>
/// per (plant, unit) from Floyd–Warshall on the backend under the pressure rule, with the chlorine steps and the
/// loss table applied. Flows are in 10⁴ m³/d and costs in the block's currency unit, as in the paper.
/// </summary>
public sealed class MultiSourceModel
{
    /// <summary>m³/d in one model flow unit (10⁴ m³/d).</summary>
    public const double FlowUnit = 1e4;

    public GraphAllocationSpec Spec { get; }
    public AllocationParameters Parameters { get; }
    public double AnnuityFactor { get; }
    public IReadOnlyList<GraphNode> Plants { get; }
    public IReadOnlyList<GraphNode> Units { get; }

    /// <summary>Each unit's lower bound in 10⁴ m³/d (its demand, or population × quota).</summary>
    public IReadOnlyList<double> DemandMin { get; }

    /// <summary>Routes[plant, unit].</summary>
    public SupplyRoute[,] Routes { get; }

    private MultiSourceModel(GraphAllocationSpec spec, AllocationParameters parameters, GraphNode[] plants, GraphNode[] units, double[] demand, SupplyRoute[,] routes)
    {
        Spec = spec;
        Parameters = parameters;
        AnnuityFactor = parameters.AnnuityFactor(spec.Annuity);
        Plants = plants;
        Units = units;
        DemandMin = demand;
        Routes = routes;
    }

    public static MultiSourceModel Compile(GraphAllocationSpec spec, IComputeBackend backend, string? file = null)
    {
        try
        {
            return Build(spec, backend);
        }
        catch (InvalidInputException e) when (e.File is null && file is not null)
        {
            throw new InvalidInputException(e.Problem, file, e.Line, e.Field, byteInLine: e.ByteInLine);
        }
    }

    private static MultiSourceModel Build(GraphAllocationSpec spec, IComputeBackend backend)
    {
        var parameters = AllocationParameters.Of(spec);
        var graph = SupplyGraphBuilder.Build(spec, null, out var arcs);
        int n = graph.NodeCount;
        var dist = graph.ToWeightMatrix<double>(field: "graph_allocation.edges");
        var next = new int[n * n];
        if (!backend.AllPairsShortestPaths(dist, next, n))
            throw new InvalidInputException("the supply graph has a negative-cost cycle", field: "graph_allocation.edges");

        var plants = spec.Nodes.Where(x => x.Kind == GraphNodeKind.Supply).ToArray();
        var units = spec.Nodes.Where(x => x.Kind == GraphNodeKind.Demand).ToArray();
        if (plants.Length == 0) throw new InvalidInputException("no water plant (kind 2)", field: "graph_allocation.nodes");
        if (units.Length == 0) throw new InvalidInputException("no demand unit (kind 1)", field: "graph_allocation.nodes");
        var demand = units.Select(u => (u.Demand > 0 ? u.Demand : (u.Population ?? 0) * parameters.Quota) / FlowUnit).ToArray();
        var losses = LossTable(spec, plants, units);

        var index = SupplyGraphBuilder.NodeIndex(spec);
        var routes = new SupplyRoute[plants.Length, units.Length];
        for (int i = 0; i < plants.Length; i++)
        {
            for (int j = 0; j < units.Length; j++)
            {
                var path = ShortestPathRoute.Reconstruct(next, n, index[plants[i].Id], index[units[j].Id]);
                routes[i, j] = Route(spec, parameters, arcs, path, plants[i], units[j], losses[i, j]);
            }
        }
        return new MultiSourceModel(spec, parameters, plants, units, demand, routes);
    }

    /// <summary>The loss table as a matrix, NaN where the table is silent (the route's length decides); a loss of 1 or more is bad input.</summary>
    private static double[,] LossTable(GraphAllocationSpec spec, GraphNode[] plants, GraphNode[] units)
    {
        var losses = new double[plants.Length, units.Length];
        for (int i = 0; i < plants.Length; i++) for (int j = 0; j < units.Length; j++) losses[i, j] = double.NaN;
        for (int k = 0; k < spec.Losses.Count; k++)
        {
            var entry = spec.Losses[k];
            string field = $"graph_allocation.losses[{k}]";
            int i = Array.FindIndex(plants, p => p.Id == entry.Plant);
            int j = Array.FindIndex(units, u => u.Id == entry.Unit);
            if (i < 0) throw new InvalidInputException($"'{entry.Plant}' is not a water plant (kind 2)", field: field + ".plant");
            if (j < 0) throw new InvalidInputException($"'{entry.Unit}' is not a demand unit (kind 1)", field: field + ".unit");
            if (!(entry.Loss is >= 0 and < 1)) throw new InvalidInputException($"loss must be a fraction in [0, 1), got {entry.Loss}", field: field + ".loss");
            losses[i, j] = entry.Loss;
        }
        return losses;
    }

    /// <summary>
    /// One pair's route with the chlorine steps of section 2.3.2: residual C = C₀·e^(−k·d) at the unit; below the
    /// minimum, re-chlorinate at the last pumping station on the route and measure d from there; still below, the
    /// pair cannot be served. A pair whose table loss is exactly 0, or whose route passes a pumping station, is lifted.
    /// </summary>
    private static SupplyRoute Route(GraphAllocationSpec spec, AllocationParameters p, Dictionary<(int, int), SupplyArcInfo> arcs,
        List<int> path, GraphNode plant, GraphNode unit, double loss)
    {
        if (path.Count == 0)
            return new SupplyRoute(plant.Id, unit.Id, [], double.PositiveInfinity, double.PositiveInfinity, double.IsNaN(loss) ? 0 : loss, false, null, 0, 0, null,
                "no route under the pressure rule (a lower pressure class reaches a higher one only out of a pumping station or a plant)");
        var nodes = path.Select(k => spec.Nodes[k]).ToArray();
        double coefficient = 0;
        bool fromTable = !double.IsNaN(loss);
        var kmFromPlant = new double[path.Count];
        for (int s = 0; s + 1 < path.Count; s++)
        {
            var arc = arcs[(path[s], path[s + 1])];
            kmFromPlant[s + 1] = kmFromPlant[s] + arc.LengthKm;
            coefficient += (p.RouteCostBase + p.RouteCostHard * arc.Difficulty) * arc.LengthKm;
        }
        double km = kmFromPlant[^1];
        // Where the table is silent, loss grows with distance: 1 − e^(−k·d) (Table 5 fits k = 0.026 per km on our routes).
        if (!fromTable) loss = 1 - Math.Exp(-p.LossPerKm * km);
        int lastPump = Array.FindLastIndex(nodes, x => x.Kind == GraphNodeKind.PumpStation);
        bool lifted = lastPump >= 0 || (fromTable && loss == 0);
        var liftPoint = lastPump >= 0 ? nodes[lastPump] : plant;
        double liftHead = lifted ? Math.Max(0, unit.Elevation - liftPoint.Elevation) + p.ServiceHead : 0;

        double chlorine = p.ChlorineInitial * Math.Exp(-p.ChlorineDecay * km);
        string? rechlorinated = null;
        if (chlorine < p.ChlorineMin && lastPump >= 0)
        {
            chlorine = p.ChlorineInitial * Math.Exp(-p.ChlorineDecay * (km - kmFromPlant[lastPump]));
            rechlorinated = nodes[lastPump].Id;
        }
        string? reason = chlorine < p.ChlorineMin
            ? $"residual chlorine {chlorine:G3} mg/L at the unit is below {p.ChlorineMin} mg/L{(lastPump >= 0 ? " even after re-chlorinating at pumping station " + nodes[lastPump].Id : " and no pumping station on the route can re-chlorinate")}"
            : null;
        return new SupplyRoute(plant.Id, unit.Id, nodes.Select(x => x.Id).ToArray(), km, coefficient, loss, lifted,
            lifted ? liftPoint.Id : null, liftHead, chlorine, rechlorinated, reason);
    }
}
