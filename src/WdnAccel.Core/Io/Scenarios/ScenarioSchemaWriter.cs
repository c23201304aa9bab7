using WdnAccel.Core.Model;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Writes a <see cref="ScenarioModel"/> in the one schema shared by .wdn/.wdnb (MessagePack) and JSON
/// (docs/scenario-format.md): snake_case keys, enums as snake_case strings, SI units, optional fields left out
/// when null, every other field written (defaults included) so that files are self-describing.
/// </summary>
internal sealed class ScenarioSchemaWriter(IScenarioTokenSink sink)
{
    private string _key = "";

    public void Write(ScenarioModel s)
    {
        ArgumentNullException.ThrowIfNull(s);
        sink.BeginMap(4 + Count(s.Design, s.Supply, s.GraphAllocation, s.Solver));
        Key("format"); sink.String(ScenarioModel.FormatName);
        Key("version"); sink.Int64(ScenarioModel.FormatVersion);
        Key("name"); sink.String(s.Name);
        Key("network"); Network(s.Network);
        if (s.Design is { } d) { Key("design"); Design(d); }
        if (s.Supply is { } sp) { Key("supply"); Supply(sp); }
        if (s.GraphAllocation is { } g) { Key("graph_allocation"); GraphAllocation(g); }
        if (s.Solver is { } so) { Key("solver"); Solver(so); }
        sink.EndMap();
    }

    private void Network(Network n)
    {
        sink.BeginMap(11);
        Key("title"); sink.String(n.Title);
        Key("junctions"); Array(n.Junctions, Junction);
        Key("reservoirs"); Array(n.Reservoirs, Reservoir);
        Key("tanks"); Array(n.Tanks, Tank);
        Key("pipes"); Array(n.Pipes, Pipe);
        Key("pumps"); Array(n.Pumps, Pump);
        Key("curves"); Array(n.Curves, Curve);
        Key("patterns"); Array(n.Patterns, Pattern);
        Key("demand_cases"); Array(n.DemandCases, DemandCase);
        Key("options"); Options(n.Options);
        Key("extra_sections"); Array(n.ExtraSections, ExtraSection);
        sink.EndMap();
    }

    private void Junction(Junction j)
    {
        sink.BeginMap(3 + Count(j.MinPressure, j.MaxPressure, j.Coordinates));
        Key("id"); sink.String(j.Id);
        Key("elevation"); Num(j.Elevation);
        Key("demands"); Array(j.Demands, DemandComponent);
        OptNum("min_pressure", j.MinPressure);
        OptNum("max_pressure", j.MaxPressure);
        OptPoint("coordinates", j.Coordinates);
        sink.EndMap();
    }

    private void DemandComponent(DemandComponent d)
    {
        sink.BeginMap(1 + Count(d.PatternId, d.Category));
        Key("base_demand"); Num(d.BaseDemand);
        OptStr("pattern_id", d.PatternId);
        OptStr("category", d.Category);
        sink.EndMap();
    }

    private void Reservoir(Reservoir r)
    {
        sink.BeginMap(2 + Count(r.PatternId, r.Coordinates));
        Key("id"); sink.String(r.Id);
        Key("head"); Num(r.Head);
        OptStr("pattern_id", r.PatternId);
        OptPoint("coordinates", r.Coordinates);
        sink.EndMap();
    }

    private void Tank(Tank t)
    {
        sink.BeginMap(8 + Count(t.VolumeCurveId, t.Coordinates));
        Key("id"); sink.String(t.Id);
        Key("elevation"); Num(t.Elevation);
        Key("init_level"); Num(t.InitLevel);
        Key("min_level"); Num(t.MinLevel);
        Key("max_level"); Num(t.MaxLevel);
        Key("diameter"); Num(t.Diameter);
        Key("min_volume"); Num(t.MinVolume);
        OptStr("volume_curve_id", t.VolumeCurveId);
        Key("can_overflow"); sink.Boolean(t.CanOverflow);
        OptPoint("coordinates", t.Coordinates);
        sink.EndMap();
    }

    private void Pipe(Pipe p)
    {
        sink.BeginMap(8 + Count(p.Vertices));
        Key("id"); sink.String(p.Id);
        Key("node1"); sink.String(p.Node1);
        Key("node2"); sink.String(p.Node2);
        Key("length"); Num(p.Length);
        Key("diameter"); Num(p.Diameter);
        Key("roughness"); Num(p.Roughness);
        Key("minor_loss"); Num(p.MinorLoss);
        Key("status"); sink.String(EnumNames<LinkStatus>.Name(p.Status));
        if (p.Vertices is { } v) { Key("vertices"); Array(v, Point); }
        sink.EndMap();
    }

    private void Pump(Pump p)
    {
        sink.BeginMap(5 + Count(p.HeadCurveId, p.Power, p.PatternId, p.Vertices));
        Key("id"); sink.String(p.Id);
        Key("node1"); sink.String(p.Node1);
        Key("node2"); sink.String(p.Node2);
        OptStr("head_curve_id", p.HeadCurveId);
        OptNum("power", p.Power);
        Key("speed"); Num(p.Speed);
        OptStr("pattern_id", p.PatternId);
        Key("status"); sink.String(EnumNames<LinkStatus>.Name(p.Status));
        if (p.Vertices is { } v) { Key("vertices"); Array(v, Point); }
        sink.EndMap();
    }

    private void Curve(Curve c)
    {
        sink.BeginMap(3);
        Key("id"); sink.String(c.Id);
        Key("kind"); sink.String(EnumNames<CurveKind>.Name(c.Kind));
        Key("points"); Array(c.Points, Point);
        sink.EndMap();
    }

    private void Pattern(Pattern p)
    {
        sink.BeginMap(2);
        Key("id"); sink.String(p.Id);
        Key("multipliers"); Array(p.Multipliers, Num);
        sink.EndMap();
    }

    private void DemandCase(DemandCase c)
    {
        sink.BeginMap(2 + Count(c.JunctionDemands, c.MinPressure));
        Key("name"); sink.String(c.Name);
        Key("multiplier"); Num(c.Multiplier);
        if (c.JunctionDemands is { } jd) { Key("junction_demands"); NumMap(jd); }
        OptNum("min_pressure", c.MinPressure);
        sink.EndMap();
    }

    private void Options(HydraulicOptions o)
    {
        sink.BeginMap(9);
        Key("head_loss"); sink.String(EnumNames<HeadLossModel>.Name(o.HeadLoss));
        Key("omega"); Num(o.Omega);
        Key("accuracy"); Num(o.Accuracy);
        Key("max_trials"); sink.Int64(o.MaxTrials);
        Key("relative_viscosity"); Num(o.RelativeViscosity);
        Key("specific_gravity"); Num(o.SpecificGravity);
        Key("demand_multiplier"); Num(o.DemandMultiplier);
        // Written even when null: an absent key means EPANET's default pattern "1".
        Key("default_pattern_id");
        if (o.DefaultPatternId is { } pid) sink.String(pid); else sink.Nil();
        Key("flow_units"); sink.String(EnumNames<FlowUnits>.Name(o.FlowUnits));
        sink.EndMap();
    }

    private void ExtraSection(InpSection s)
    {
        sink.BeginMap(2);
        Key("name"); sink.String(s.Name);
        Key("lines"); Array(s.Lines, sink.String);
        sink.EndMap();
    }

    private void Design(DesignSpec d)
    {
        sink.BeginMap(4 + Count(d.MaxPressure, d.MinHead, d.MinVelocity, d.MaxVelocity, d.BestKnownCost, d.BestKnownSource, d.Source));
        Key("catalog"); Array(d.Catalog, CatalogEntry);
        Key("decision_pipes"); Array(d.DecisionPipes, sink.String);
        Key("min_pressure"); Num(d.MinPressure);
        OptNum("max_pressure", d.MaxPressure);
        if (d.MinHead is { } mh) { Key("min_head"); NumMap(mh); }
        OptNum("min_velocity", d.MinVelocity);
        OptNum("max_velocity", d.MaxVelocity);
        Key("cost_unit"); sink.String(d.CostUnit);
        OptNum("best_known_cost", d.BestKnownCost);
        OptStr("best_known_source", d.BestKnownSource);
        OptStr("source", d.Source);
        sink.EndMap();
    }

    private void CatalogEntry(CatalogEntry c)
    {
        sink.BeginMap(2 + Count(c.Roughness, c.Label));
        Key("diameter"); Num(c.Diameter);
        Key("unit_cost"); Num(c.UnitCost);
        OptNum("roughness", c.Roughness);
        OptStr("label", c.Label);
        sink.EndMap();
    }

    private void Supply(SupplySpec s)
    {
        sink.BeginMap(6);
        Key("sources"); Array(s.Sources, x =>
        {
            sink.BeginMap(2);
            Key("id"); sink.String(x.Id);
            Key("capacity"); Num(x.Capacity);
            sink.EndMap();
        });
        Key("plants"); Array(s.Plants, x =>
        {
            sink.BeginMap(3 + Count(x.MinThroughput));
            Key("id"); sink.String(x.Id);
            Key("capacity"); Num(x.Capacity);
            Key("treatment_cost"); Num(x.TreatmentCost);
            OptNum("min_throughput", x.MinThroughput);
            sink.EndMap();
        });
        Key("zones"); Array(s.Zones, x =>
        {
            sink.BeginMap(3);
            Key("id"); sink.String(x.Id);
            Key("demand"); Num(x.Demand);
            Key("quality_premium"); Num(x.QualityPremium);
            sink.EndMap();
        });
        Key("arcs"); Array(s.Arcs, x =>
        {
            sink.BeginMap(3 + Count(x.Capacity));
            Key("from"); sink.String(x.From);
            Key("to"); sink.String(x.To);
            Key("pumping_cost"); Num(x.PumpingCost);
            OptNum("capacity", x.Capacity);
            sink.EndMap();
        });
        Key("flow_unit"); sink.String(s.FlowUnit);
        Key("cost_unit"); sink.String(s.CostUnit);
        sink.EndMap();
    }

    private void GraphAllocation(GraphAllocationSpec g)
    {
        sink.BeginMap(3);
        Key("nodes"); Array(g.Nodes, n =>
        {
            sink.BeginMap(6 + Count(n.Coordinates));
            Key("id"); sink.String(n.Id);
            Key("kind"); sink.String(EnumNames<GraphNodeKind>.Name(n.Kind));
            Key("elevation"); Num(n.Elevation);
            Key("pressure_zone"); sink.Int64(n.PressureZone);
            Key("demand"); Num(n.Demand);
            Key("capacity"); Num(n.Capacity);
            OptPoint("coordinates", n.Coordinates);
            sink.EndMap();
        });
        Key("edges"); Array(g.Edges, e =>
        {
            sink.BeginMap(5);
            Key("from"); sink.String(e.From);
            Key("to"); sink.String(e.To);
            Key("length"); Num(e.Length);
            Key("cost_factor"); Num(e.CostFactor);
            Key("directed"); sink.Boolean(e.Directed);
            sink.EndMap();
        });
        Key("parameters"); NumMap(g.Parameters);
        sink.EndMap();
    }

    private void Solver(SolverSettings s)
    {
        sink.BeginMap(1 + Count(s.Algorithm, s.Evaluations, s.Seed));
        OptStr("algorithm", s.Algorithm);
        if (s.Evaluations is { } ev) { Key("evaluations"); sink.Int64(ev); }
        if (s.Seed is { } seed) { Key("seed"); sink.UInt64(seed); }
        Key("parameters"); NumMap(s.Parameters);
        sink.EndMap();
    }

    private static int Count(params object?[] optional)
    {
        int n = 0;
        foreach (var o in optional) if (o is not null) n++;
        return n;
    }

    private void Key(string name)
    {
        _key = name;
        sink.Key(name);
    }

    private void Num(double value)
    {
        // JSON has no NaN/∞ and the reader rejects them in both encodings, so refuse to write a file we would not read.
        if (!double.IsFinite(value)) throw new ArgumentException($"scenario field '{_key}' is {value}, not a finite number");
        sink.Double(value);
    }

    private void OptNum(string key, double? value)
    {
        if (value is { } v) { Key(key); Num(v); }
    }

    private void OptStr(string key, string? value)
    {
        if (value is not null) { Key(key); sink.String(value); }
    }

    private void OptPoint(string key, Point2? value)
    {
        if (value is { } p) { Key(key); Point(p); }
    }

    private void Point(Point2 p)
    {
        sink.BeginArray(2);
        Num(p.X);
        Num(p.Y);
        sink.EndArray();
    }

    private void NumMap(IReadOnlyDictionary<string, double> map)
    {
        sink.BeginMap(map.Count);
        foreach (var (k, v) in map)
        {
            Key(k);
            Num(v);
        }
        sink.EndMap();
    }

    private void Array<T>(IReadOnlyList<T> items, Action<T> write)
    {
        sink.BeginArray(items.Count);
        for (int i = 0; i < items.Count; i++) write(items[i]);
        sink.EndArray();
    }
}
