using WdnAccel.Core.Model;
using WdnAccel.Core.Reports;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// One lane of a solved <see cref="HydraulicBatch"/> as report rows (SI): per node head, pressure, demand (fixed-head
/// nodes: net inflow, negative when supplying, as EPANET reports it); per link flow, velocity, head loss, Reynolds
/// number and regime (with <see cref="ReynoldsViscosity"/>, m²/s).
/// Closed links report zero flow, as EPANET's toolkit does.
/// </summary>
public sealed record SnapshotResult(
    LaneStatus Status,
    int Iterations,
    double RelativeError,
    double Omega,
    double ReynoldsViscosity,
    IReadOnlyList<SnapshotResult.NodeRow> Nodes,
    IReadOnlyList<SnapshotResult.LinkRow> Links)
{
    /// <param name="Type">junction, reservoir or tank (<see cref="ElementTypeName"/>).</param>
    public sealed record NodeRow(string Id, double Head, double Pressure, double Demand, string Type)
    {
        public bool FixedHead => Type != ElementTypeName.Junction;
    }

    /// <param name="Velocity">m/s; null for pumps.</param>
    /// <param name="Reynolds">|v|·D/ν with <see cref="ReportViscosity"/>; null for pumps and closed links.</param>
    /// <param name="Regime">Reynolds class; null for pumps and closed links.</param>
    /// <param name="Status">A valve's state as the extended-period report names it (open, closed, active); null for pipes and pumps (open or closed).</param>
    /// <param name="StatusDetail">Why a valve is open where it cannot hold its setting; null otherwise.</param>
    public sealed record LinkRow(string Id, string Kind, double Flow, double? Velocity, double HeadLoss, double? Reynolds, FlowRegime? Regime, bool Closed,
        string? Status = null, string? StatusDetail = null);

    /// <summary>
    /// Viscosity for reported Reynolds numbers: on a Darcy–Weisbach network the one its friction factors use
    /// (EPANET's, <see cref="CompiledNetwork.Viscosity"/>), so the reported regime is the one the solver saw;
    /// otherwise water at 20 °C (<see cref="LinkFormulas.WaterViscosity20C"/>); both × the relative-viscosity option.
    /// </summary>
    public static double ReportViscosity(CompiledNetwork net) => ReportViscosity(net.Source.Options);

    /// <inheritdoc cref="ReportViscosity(CompiledNetwork)"/>
    public static double ReportViscosity(HydraulicOptions options) =>
        (options.HeadLoss == HeadLossModel.DarcyWeisbach ? LinkFormulas.EpanetViscosity : LinkFormulas.WaterViscosity20C)
        * options.RelativeViscosity;

    public bool Converged => Status == LaneStatus.Converged;

    /// <summary>The solve's outcome as the JSON outputs name it: converged, not_converged, singular or pending.</summary>
    public string StatusName => Status switch
    {
        LaneStatus.Converged => "converged",
        LaneStatus.Singular => "singular",
        LaneStatus.NotConverged => "not_converged",
        _ => "pending",
    };

    public static SnapshotResult FromLane(HydraulicBatch batch, int lane)
    {
        var net = batch.Network;
        int K = batch.Count;
        double viscosity = ReportViscosity(net);
        var inflow = new double[net.NodeCount];
        var links = new List<LinkRow>(net.LinkCount);
        for (int i = 0; i < net.LinkCount; i++)
        {
            bool closed = batch.Closed[i * K + lane] != 0;
            double q = closed ? 0.0 : batch.Flow[i * K + lane];
            inflow[net.From[i]] -= q;
            inflow[net.To[i]] += q;
            double hl = batch.Head[net.From[i] * K + lane] - batch.Head[net.To[i] * K + lane];
            if (i < net.PipeCount)
            {
                double d = batch.Diameter[i * K + lane];
                double v = PipeDiameter.IsLaid(d) ? LinkFormulas.Velocity(q, d) : 0.0;
                double? re = closed || !PipeDiameter.IsLaid(d) ? null : LinkFormulas.Reynolds(q, d, viscosity);
                FlowRegime? regime = re is { } r ? LinkFormulas.Regime(r) : null;
                links.Add(new LinkRow(net.LinkIds[i], net.Kind[i] == LinkKind.CheckValvePipe ? ElementTypeName.CheckValvePipe : ElementTypeName.Pipe, q, v, hl, re, regime, closed));
            }
            else if (i >= net.ValveStart)
            {
                // A valve's type and state as the extended-period report names them (PRV, PSV, ...; active), its velocity through its diameter.
                int v = i - net.ValveStart;
                var state = batch.ValveStatus[v * K + lane] switch
                {
                    HydraulicBatch.ValveActive => Eps.EpsStatus.Active,
                    HydraulicBatch.ValveClosed => Eps.EpsStatus.Closed,
                    HydraulicBatch.ValveCannotHold => net.ValveTypes[v] == ValveType.FCV ? Eps.EpsStatus.OpenBelowSetting : Eps.EpsStatus.OpenCannotHold,
                    _ => Eps.EpsStatus.Open,
                };
                links.Add(new LinkRow(net.LinkIds[i], net.ValveTypes[v].ToString(), q, LinkFormulas.Velocity(q, net.ValveDiameter[v]), hl, null, null, closed,
                    ExtendedPeriodReport.StatusName(state), ExtendedPeriodReport.StatusDetail(state)));
            }
            else
            {
                links.Add(new LinkRow(net.LinkIds[i], ElementTypeName.Pump, q, null, hl, null, null, closed));
            }
        }
        var nodes = new List<NodeRow>(net.NodeCount);
        for (int n = 0; n < net.NodeCount; n++)
        {
            double h = batch.Head[n * K + lane];
            bool fixedHead = n >= net.JunctionCount;
            // A junction's demand as EPANET reports it: what it delivers (under PDA, what its pressure allows), emitter outflow included.
            double demand = fixedHead ? inflow[n] : batch.DeliveredDemand(n, lane) + (batch.EmitterFlow.Length > 0 ? batch.EmitterFlow[n * K + lane] : 0);
            nodes.Add(new NodeRow(net.NodeIds[n], h, h - net.Elevation[n], demand, ElementTypeName.Node(n, net.JunctionCount, net.ReservoirCount)));
        }
        return new SnapshotResult(batch.Status[lane], batch.Iterations[lane], batch.RelativeError[lane], net.Omega, viscosity, nodes, links);
    }
}
