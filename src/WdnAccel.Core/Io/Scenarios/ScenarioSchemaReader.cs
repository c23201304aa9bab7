using System.Globalization;
using System.Text;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Model;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads one scenario map from a token source, in the schema of docs/scenario-format.md. Strict on purpose:
/// unknown keys (typo protection), duplicate keys, missing required fields, wrong types, non-finite numbers and
/// out-of-range values are errors naming the field path (`network.pipes[3].diameter`) and the byte offset
/// (MessagePack) or line (JSON). Only `parameters` maps and id-keyed maps accept arbitrary keys.
/// </summary>
internal sealed class ScenarioSchemaReader(ScenarioTokenSource source, string? fileName, string? rootPath = null)
{
    private enum Range { Finite, NonNegative, Positive }

    private readonly List<(string? Key, int Index)> _path = [];
    private readonly List<SeenKeys> _seen = [];
    private int _depth;
    private long _keyMark;

    public ScenarioModel Read()
    {
        try
        {
            return ReadScenario();
        }
        catch (InvalidInputException e) when (e.Field is null)
        {
            // A token-level problem (truncation, invalid UTF-8, bad JSON number): add where in the schema it hit.
            string path = PathText();
            throw new InvalidInputException(e.Problem, fileName ?? e.File, e.Line, path.Length == 0 ? null : path, e);
        }
    }

    private static readonly string[] ScenarioKeys = ["format", "version", "name", "network", "design", "supply", "graph_allocation", "solver"];

    private ScenarioModel ReadScenario()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Map)
        {
            throw Fail(at, $"expected a scenario map (format \"{ScenarioModel.FormatName}\"), got {source.DescribeNext()}");
        }
        string? format = null;
        int? version = null;
        string name = "";
        Network? network = null;
        DesignSpec? design = null;
        SupplySpec? supply = null;
        GraphAllocationSpec? graph = null;
        SolverSettings? solver = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "format":
                    long fat = source.Mark();
                    format = Str();
                    if (format != ScenarioModel.FormatName) throw Fail(fat, $"expected \"{ScenarioModel.FormatName}\", got \"{format}\": not a WdnAccel scenario");
                    break;
                case "version":
                    long vat = source.Mark();
                    version = Int(1);
                    if (version > ScenarioModel.FormatVersion)
                    {
                        throw Fail(vat, $"format version {version} is newer than this program reads (up to {ScenarioModel.FormatVersion}); update wdnaccel");
                    }
                    break;
                case "name": name = Str(); break;
                case "network": network = ReadNetwork(); break;
                case "design": design = OptMap(ReadDesign); break;
                case "supply": supply = OptMap(ReadSupply); break;
                case "graph_allocation": graph = OptMap(ReadGraphAllocation); break;
                case "solver": solver = OptMap(ReadSolver); break;
                default: throw Unknown(ScenarioKeys);
            }
            EndKey();
        }
        EndMap();
        Req(format, "format", at);
        Req(version, "version", at);
        return new ScenarioModel
        {
            Name = name,
            Network = network ?? new Network(), // absent: a supply-only scenario or a block overlay (convert --merge)
            Design = design,
            Supply = supply,
            GraphAllocation = graph,
            Solver = solver,
        };
    }

    private static readonly string[] NetworkKeys = ["title", "junctions", "reservoirs", "tanks", "pipes", "pumps", "curves", "patterns", "demand_cases", "options", "extra_sections"];

    private Network ReadNetwork()
    {
        var net = new Network();
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            net = Key() switch
            {
                "title" => net with { Title = Str() },
                "junctions" => net with { Junctions = Arr(ReadJunction) },
                "reservoirs" => net with { Reservoirs = Arr(ReadReservoir) },
                "tanks" => net with { Tanks = Arr(ReadTank) },
                "pipes" => net with { Pipes = Arr(ReadPipe) },
                "pumps" => net with { Pumps = Arr(ReadPump) },
                "curves" => net with { Curves = Arr(ReadCurve) },
                "patterns" => net with { Patterns = Arr(ReadPattern) },
                "demand_cases" => net with { DemandCases = Arr(ReadDemandCase) },
                "options" => net with { Options = ReadOptions() },
                "extra_sections" => net with { ExtraSections = Arr(ReadExtraSection) },
                _ => throw Unknown(NetworkKeys),
            };
            EndKey();
        }
        EndMap();
        return net;
    }

    private static readonly string[] JunctionKeys = ["id", "elevation", "demands", "min_pressure", "max_pressure", "coordinates"];

    private Junction ReadJunction()
    {
        long at = source.Mark();
        string? id = null;
        double? elevation = null, minP = null, maxP = null;
        IReadOnlyList<DemandComponent> demands = [];
        Point2? xy = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "elevation": elevation = Num(Range.Finite); break;
                case "demands": demands = Arr(ReadDemandComponent); break;
                case "min_pressure": minP = OptNum(Range.Finite); break;
                case "max_pressure": maxP = OptNum(Range.Finite); break;
                case "coordinates": xy = OptPoint(); break;
                default: throw Unknown(JunctionKeys);
            }
            EndKey();
        }
        EndMap();
        return new Junction(Req(id, "id", at), Req(elevation, "elevation", at), demands, minP, maxP, xy);
    }

    private static readonly string[] DemandKeys = ["base_demand", "pattern_id", "category"];

    private DemandComponent ReadDemandComponent()
    {
        long at = source.Mark();
        double? q = null;
        string? pattern = null, category = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "base_demand": q = Num(Range.Finite); break;
                case "pattern_id": pattern = OptStr(); break;
                case "category": category = OptStr(); break;
                default: throw Unknown(DemandKeys);
            }
            EndKey();
        }
        EndMap();
        return new DemandComponent(Req(q, "base_demand", at), pattern, category);
    }

    private static readonly string[] ReservoirKeys = ["id", "head", "pattern_id", "coordinates"];

    private Reservoir ReadReservoir()
    {
        long at = source.Mark();
        string? id = null, pattern = null;
        double? head = null;
        Point2? xy = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "head": head = Num(Range.Finite); break;
                case "pattern_id": pattern = OptStr(); break;
                case "coordinates": xy = OptPoint(); break;
                default: throw Unknown(ReservoirKeys);
            }
            EndKey();
        }
        EndMap();
        return new Reservoir(Req(id, "id", at), Req(head, "head", at), pattern, xy);
    }

    private static readonly string[] TankKeys = ["id", "elevation", "init_level", "min_level", "max_level", "diameter", "min_volume", "volume_curve_id", "can_overflow", "coordinates"];

    private Tank ReadTank()
    {
        long at = source.Mark();
        string? id = null, curve = null;
        double? elevation = null, init = null, min = null, max = null, diameter = null;
        double minVolume = 0;
        bool overflow = false;
        Point2? xy = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "elevation": elevation = Num(Range.Finite); break;
                case "init_level": init = Num(Range.NonNegative); break;
                case "min_level": min = Num(Range.NonNegative); break;
                case "max_level": max = Num(Range.NonNegative); break;
                case "diameter": diameter = Num(Range.NonNegative); break;
                case "min_volume": minVolume = Num(Range.NonNegative); break;
                case "volume_curve_id": curve = OptStr(); break;
                case "can_overflow": overflow = Bool(); break;
                case "coordinates": xy = OptPoint(); break;
                default: throw Unknown(TankKeys);
            }
            EndKey();
        }
        EndMap();
        return new Tank(Req(id, "id", at), Req(elevation, "elevation", at), Req(init, "init_level", at), Req(min, "min_level", at),
            Req(max, "max_level", at), Req(diameter, "diameter", at), minVolume, curve, overflow, xy);
    }

    private static readonly string[] PipeKeys = ["id", "node1", "node2", "length", "diameter", "roughness", "minor_loss", "status", "vertices"];

    private Pipe ReadPipe()
    {
        long at = source.Mark();
        string? id = null, node1 = null, node2 = null;
        double? length = null, diameter = null, roughness = null;
        double minorLoss = 0;
        var status = LinkStatus.Open;
        IReadOnlyList<Point2>? vertices = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "node1": node1 = Str(); break;
                case "node2": node2 = Str(); break;
                case "length": length = Num(Range.Positive); break;
                case "diameter": diameter = Num(Range.Positive); break;
                case "roughness": roughness = Num(Range.Positive); break;
                case "minor_loss": minorLoss = Num(Range.NonNegative); break;
                case "status": status = Enum<LinkStatus>(); break;
                case "vertices": vertices = OptPoints(); break;
                default: throw Unknown(PipeKeys);
            }
            EndKey();
        }
        EndMap();
        return new Pipe(Req(id, "id", at), Req(node1, "node1", at), Req(node2, "node2", at), Req(length, "length", at),
            Req(diameter, "diameter", at), Req(roughness, "roughness", at), minorLoss, status, vertices);
    }

    private static readonly string[] PumpKeys = ["id", "node1", "node2", "head_curve_id", "power", "speed", "pattern_id", "status", "vertices"];

    private Pump ReadPump()
    {
        long at = source.Mark();
        string? id = null, node1 = null, node2 = null, curve = null, pattern = null;
        double? power = null;
        double speed = 1.0;
        var status = LinkStatus.Open;
        IReadOnlyList<Point2>? vertices = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "node1": node1 = Str(); break;
                case "node2": node2 = Str(); break;
                case "head_curve_id": curve = OptStr(); break;
                case "power": power = OptNum(Range.Positive); break;
                case "speed": speed = Num(Range.NonNegative); break;
                case "pattern_id": pattern = OptStr(); break;
                case "status": status = Enum<LinkStatus>(); break;
                case "vertices": vertices = OptPoints(); break;
                default: throw Unknown(PumpKeys);
            }
            EndKey();
        }
        EndMap();
        return new Pump(Req(id, "id", at), Req(node1, "node1", at), Req(node2, "node2", at), curve, power, speed, pattern, status, vertices);
    }

    private static readonly string[] CurveKeys = ["id", "kind", "points"];

    private Curve ReadCurve()
    {
        long at = source.Mark();
        string? id = null;
        var kind = CurveKind.PumpHead;
        IReadOnlyList<Point2>? points = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "kind": kind = Enum<CurveKind>(); break;
                case "points": points = Arr(Point); break;
                default: throw Unknown(CurveKeys);
            }
            EndKey();
        }
        EndMap();
        return new Curve(Req(id, "id", at), kind, Req(points, "points", at));
    }

    private static readonly string[] PatternKeys = ["id", "multipliers"];

    private Pattern ReadPattern()
    {
        long at = source.Mark();
        string? id = null;
        IReadOnlyList<double>? multipliers = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "multipliers": multipliers = Arr(() => Num(Range.Finite)); break;
                default: throw Unknown(PatternKeys);
            }
            EndKey();
        }
        EndMap();
        return new Pattern(Req(id, "id", at), Req(multipliers, "multipliers", at));
    }

    private static readonly string[] DemandCaseKeys = ["name", "multiplier", "junction_demands", "min_pressure"];

    private DemandCase ReadDemandCase()
    {
        long at = source.Mark();
        string? name = null;
        double multiplier = 1.0;
        double? minP = null;
        IReadOnlyDictionary<string, double>? demands = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "name": name = Str(); break;
                case "multiplier": multiplier = Num(Range.NonNegative); break;
                case "junction_demands": demands = OptMap(() => NumMap(Range.Finite)); break;
                case "min_pressure": minP = OptNum(Range.Finite); break;
                default: throw Unknown(DemandCaseKeys);
            }
            EndKey();
        }
        EndMap();
        return new DemandCase(Req(name, "name", at), multiplier, demands, minP);
    }

    private static readonly string[] OptionKeys = ["head_loss", "omega", "accuracy", "max_trials", "relative_viscosity", "specific_gravity", "demand_multiplier", "default_pattern_id", "flow_units"];

    private HydraulicOptions ReadOptions()
    {
        var o = new HydraulicOptions();
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            o = Key() switch
            {
                "head_loss" => o with { HeadLoss = Enum<HeadLossModel>() },
                "omega" => o with { Omega = Num(Range.Positive) },
                "accuracy" => o with { Accuracy = Num(Range.Positive) },
                "max_trials" => o with { MaxTrials = Int(1) },
                "relative_viscosity" => o with { RelativeViscosity = Num(Range.Positive) },
                "specific_gravity" => o with { SpecificGravity = Num(Range.Positive) },
                "demand_multiplier" => o with { DemandMultiplier = Num(Range.NonNegative) },
                "default_pattern_id" => o with { DefaultPatternId = OptStr() },
                "flow_units" => o with { FlowUnits = Enum<FlowUnits>() },
                _ => throw Unknown(OptionKeys),
            };
            EndKey();
        }
        EndMap();
        return o;
    }

    private static readonly string[] SectionKeys = ["name", "lines"];

    private InpSection ReadExtraSection()
    {
        long at = source.Mark();
        string? name = null;
        IReadOnlyList<string>? lines = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "name": name = Str(); break;
                case "lines": lines = Arr(Str); break;
                default: throw Unknown(SectionKeys);
            }
            EndKey();
        }
        EndMap();
        return new InpSection(Req(name, "name", at), Req(lines, "lines", at));
    }

    private static readonly string[] DesignKeys = ["catalog", "decision_pipes", "min_pressure", "max_pressure", "min_head", "min_velocity", "max_velocity", "cost_unit", "best_known_cost", "best_known_source", "source"];

    private DesignSpec ReadDesign()
    {
        long at = source.Mark();
        IReadOnlyList<CatalogEntry>? catalog = null;
        IReadOnlyList<string>? decision = null;
        double minP = 0;
        double? maxP = null, minV = null, maxV = null, best = null;
        IReadOnlyDictionary<string, double>? minHead = null;
        string costUnit = "$";
        string? bestSource = null, src = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "catalog": catalog = Arr(ReadCatalogEntry); break;
                case "decision_pipes": decision = Arr(Str); break;
                case "min_pressure": minP = Num(Range.Finite); break;
                case "max_pressure": maxP = OptNum(Range.Finite); break;
                case "min_head": minHead = OptMap(() => NumMap(Range.Finite)); break;
                case "min_velocity": minV = OptNum(Range.NonNegative); break;
                case "max_velocity": maxV = OptNum(Range.Positive); break;
                case "cost_unit": costUnit = Str(); break;
                case "best_known_cost": best = OptNum(Range.NonNegative); break;
                case "best_known_source": bestSource = OptStr(); break;
                case "source": src = OptStr(); break;
                default: throw Unknown(DesignKeys);
            }
            EndKey();
        }
        EndMap();
        return new DesignSpec
        {
            Catalog = Req(catalog, "catalog", at),
            DecisionPipes = Req(decision, "decision_pipes", at),
            MinPressure = minP,
            MaxPressure = maxP,
            MinHead = minHead,
            MinVelocity = minV,
            MaxVelocity = maxV,
            CostUnit = costUnit,
            BestKnownCost = best,
            BestKnownSource = bestSource,
            Source = src,
        };
    }

    private static readonly string[] CatalogKeys = ["diameter", "unit_cost", "roughness", "label"];

    private CatalogEntry ReadCatalogEntry()
    {
        long at = source.Mark();
        double? diameter = null, cost = null, roughness = null;
        string? label = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                // 0 is allowed: "no pipe" (New York Tunnels' do-not-duplicate option).
                case "diameter": diameter = Num(Range.NonNegative); break;
                case "unit_cost": cost = Num(Range.NonNegative); break;
                case "roughness": roughness = OptNum(Range.Positive); break;
                case "label": label = OptStr(); break;
                default: throw Unknown(CatalogKeys);
            }
            EndKey();
        }
        EndMap();
        return new CatalogEntry(Req(diameter, "diameter", at), Req(cost, "unit_cost", at), roughness, label);
    }

    private static readonly string[] SupplyKeys = ["sources", "plants", "zones", "arcs", "flow_unit", "cost_unit"];
    private static readonly string[] SourceKeys = ["id", "capacity"];
    private static readonly string[] PlantKeys = ["id", "capacity", "treatment_cost", "min_throughput"];
    private static readonly string[] ZoneKeys = ["id", "demand", "quality_premium"];
    private static readonly string[] ArcKeys = ["from", "to", "pumping_cost", "capacity"];

    private SupplySpec ReadSupply()
    {
        long at = source.Mark();
        IReadOnlyList<SupplySource>? sources = null;
        IReadOnlyList<SupplyPlant>? plants = null;
        IReadOnlyList<SupplyZone>? zones = null;
        IReadOnlyList<SupplyArc>? arcs = null;
        string flowUnit = "ML/day", costUnit = "$";
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "sources": sources = Arr(ReadSupplySource); break;
                case "plants": plants = Arr(ReadSupplyPlant); break;
                case "zones": zones = Arr(ReadSupplyZone); break;
                case "arcs": arcs = Arr(ReadSupplyArc); break;
                case "flow_unit": flowUnit = Str(); break;
                case "cost_unit": costUnit = Str(); break;
                default: throw Unknown(SupplyKeys);
            }
            EndKey();
        }
        EndMap();
        return new SupplySpec
        {
            Sources = Req(sources, "sources", at),
            Plants = Req(plants, "plants", at),
            Zones = Req(zones, "zones", at),
            Arcs = Req(arcs, "arcs", at),
            FlowUnit = flowUnit,
            CostUnit = costUnit,
        };
    }

    private SupplySource ReadSupplySource()
    {
        long at = source.Mark();
        string? id = null;
        double? capacity = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "capacity": capacity = Num(Range.NonNegative); break;
                default: throw Unknown(SourceKeys);
            }
            EndKey();
        }
        EndMap();
        return new SupplySource(Req(id, "id", at), Req(capacity, "capacity", at));
    }

    private SupplyPlant ReadSupplyPlant()
    {
        long at = source.Mark();
        string? id = null;
        double? capacity = null, cost = null, minThroughput = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "capacity": capacity = Num(Range.NonNegative); break;
                case "treatment_cost": cost = Num(Range.NonNegative); break;
                case "min_throughput": minThroughput = OptNum(Range.NonNegative); break;
                default: throw Unknown(PlantKeys);
            }
            EndKey();
        }
        EndMap();
        return new SupplyPlant(Req(id, "id", at), Req(capacity, "capacity", at), Req(cost, "treatment_cost", at), minThroughput);
    }

    private SupplyZone ReadSupplyZone()
    {
        long at = source.Mark();
        string? id = null;
        double? demand = null;
        double premium = 0;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "demand": demand = Num(Range.NonNegative); break;
                case "quality_premium": premium = Num(Range.Finite); break;
                default: throw Unknown(ZoneKeys);
            }
            EndKey();
        }
        EndMap();
        return new SupplyZone(Req(id, "id", at), Req(demand, "demand", at), premium);
    }

    private SupplyArc ReadSupplyArc()
    {
        long at = source.Mark();
        string? from = null, to = null;
        double? cost = null, capacity = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "from": from = Str(); break;
                case "to": to = Str(); break;
                case "pumping_cost": cost = Num(Range.NonNegative); break;
                case "capacity": capacity = OptNum(Range.NonNegative); break;
                default: throw Unknown(ArcKeys);
            }
            EndKey();
        }
        EndMap();
        return new SupplyArc(Req(from, "from", at), Req(to, "to", at), Req(cost, "pumping_cost", at), capacity);
    }

    private static readonly string[] GraphKeys = ["nodes", "edges", "parameters"];
    private static readonly string[] GraphNodeKeys = ["id", "kind", "elevation", "pressure_zone", "demand", "capacity", "coordinates"];
    private static readonly string[] GraphEdgeKeys = ["from", "to", "length", "cost_factor", "directed"];

    private GraphAllocationSpec ReadGraphAllocation()
    {
        long at = source.Mark();
        IReadOnlyList<GraphNode>? nodes = null;
        IReadOnlyList<GraphEdge>? edges = null;
        IReadOnlyDictionary<string, double> parameters = new Dictionary<string, double>();
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "nodes": nodes = Arr(ReadGraphNode); break;
                case "edges": edges = Arr(ReadGraphEdge); break;
                case "parameters": parameters = NumMap(Range.Finite); break;
                default: throw Unknown(GraphKeys);
            }
            EndKey();
        }
        EndMap();
        return new GraphAllocationSpec { Nodes = Req(nodes, "nodes", at), Edges = Req(edges, "edges", at), Parameters = parameters };
    }

    private GraphNode ReadGraphNode()
    {
        long at = source.Mark();
        string? id = null;
        GraphNodeKind? kind = null;
        double elevation = 0, demand = 0, capacity = 0;
        int zone = 0;
        Point2? xy = null;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "id": id = Str(); break;
                case "kind": kind = Enum<GraphNodeKind>(); break;
                case "elevation": elevation = Num(Range.Finite); break;
                case "pressure_zone": zone = Int(int.MinValue); break;
                case "demand": demand = Num(Range.NonNegative); break;
                case "capacity": capacity = Num(Range.NonNegative); break;
                case "coordinates": xy = OptPoint(); break;
                default: throw Unknown(GraphNodeKeys);
            }
            EndKey();
        }
        EndMap();
        return new GraphNode(Req(id, "id", at), Req(kind, "kind", at), elevation, zone, demand, capacity, xy);
    }

    private GraphEdge ReadGraphEdge()
    {
        long at = source.Mark();
        string? from = null, to = null;
        double? length = null;
        double factor = 1.0;
        bool directed = false;
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            switch (Key())
            {
                case "from": from = Str(); break;
                case "to": to = Str(); break;
                case "length": length = Num(Range.NonNegative); break;
                case "cost_factor": factor = Num(Range.Positive); break;
                case "directed": directed = Bool(); break;
                default: throw Unknown(GraphEdgeKeys);
            }
            EndKey();
        }
        EndMap();
        return new GraphEdge(Req(from, "from", at), Req(to, "to", at), Req(length, "length", at), factor, directed);
    }

    private static readonly string[] SolverKeys = ["algorithm", "evaluations", "seed", "parameters"];

    private SolverSettings ReadSolver()
    {
        var s = new SolverSettings();
        int n = BeginMap();
        for (int i = 0; i < n; i++)
        {
            s = Key() switch
            {
                "algorithm" => s with { Algorithm = OptStr() },
                "evaluations" => s with { Evaluations = TryNil() ? null : Long(0) },
                "seed" => s with { Seed = TryNil() ? null : ULong() },
                "parameters" => s with { Parameters = NumMap(Range.Finite) },
                _ => throw Unknown(SolverKeys),
            };
            EndKey();
        }
        EndMap();
        return s;
    }

    // ---- token helpers -------------------------------------------------------------------------------------

    private int BeginMap()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Map) throw Fail(at, $"expected a map, got {source.DescribeNext()}");
        int n = source.ReadMapHeader();
        if (_seen.Count == _depth) _seen.Add(new SeenKeys());
        _seen[_depth].Clear();
        _depth++;
        return n;
    }

    private void EndMap() => _depth--;

    /// <summary>Reads a map key (a string, not seen before in this map) and enters it in the path.</summary>
    private string Key()
    {
        _keyMark = source.Mark();
        if (source.PeekType() != MessagePackType.String) throw Fail(_keyMark, $"expected a string key, got {source.DescribeNext()}");
        string key = source.ReadString();
        _path.Add((key, -1));
        if (!_seen[_depth - 1].Add(key)) throw Fail(_keyMark, $"duplicate key '{key}'");
        return key;
    }

    private void EndKey() => _path.RemoveAt(_path.Count - 1);

    private InvalidInputException Unknown(string[] allowed)
    {
        string key = _path[^1].Key!;
        return Fail(_keyMark, $"unknown key '{key}' (expected one of: {string.Join(", ", allowed)})");
    }

    private T Req<T>(T? value, string key, long mapMark) where T : class =>
        value ?? throw Missing(key, mapMark);

    private double Req(double? value, string key, long mapMark) => value ?? throw Missing(key, mapMark);
    private int Req(int? value, string key, long mapMark) => value ?? throw Missing(key, mapMark);
    private GraphNodeKind Req(GraphNodeKind? value, string key, long mapMark) => value ?? throw Missing(key, mapMark);

    private InvalidInputException Missing(string key, long mapMark)
    {
        _path.Add((key, -1));
        var e = Fail(mapMark, $"missing required field '{key}'");
        _path.RemoveAt(_path.Count - 1);
        return e;
    }

    private bool TryNil()
    {
        if (source.PeekType() != MessagePackType.Nil) return false;
        source.ReadNil();
        return true;
    }

    private T? OptMap<T>(Func<T> read) where T : class => TryNil() ? null : read();

    private string Str()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.String) throw Fail(at, $"expected a string, got {source.DescribeNext()}");
        return source.ReadString();
    }

    private string? OptStr() => TryNil() ? null : Str();

    private bool Bool()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Boolean) throw Fail(at, $"expected true or false, got {source.DescribeNext()}");
        return source.ReadBoolean();
    }

    private double Num(Range range)
    {
        long at = source.Mark();
        var type = source.PeekType();
        if (type is not (MessagePackType.Float or MessagePackType.Integer)) throw Fail(at, $"expected a number, got {source.DescribeNext()}");
        double v = source.ReadDouble();
        if (!double.IsFinite(v)) throw Fail(at, $"expected a finite number, got {Text(v)}");
        if (range == Range.Positive && !(v > 0)) throw Fail(at, $"expected a positive number, got {Text(v)}");
        if (range == Range.NonNegative && v < 0) throw Fail(at, $"expected a non-negative number, got {Text(v)}");
        return v;
    }

    private double? OptNum(Range range) => TryNil() ? null : Num(range);

    private long Long(long min)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Integer) throw Fail(at, $"expected an integer, got {source.DescribeNext()}");
        long v = source.ReadInt64();
        if (v < min) throw Fail(at, $"expected an integer ≥ {min}, got {v}");
        return v;
    }

    private int Int(int min)
    {
        long at = source.Mark();
        long v = Long(min);
        if (v > int.MaxValue) throw Fail(at, $"expected an integer ≤ {int.MaxValue}, got {v}");
        return (int)v;
    }

    private ulong ULong()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Integer) throw Fail(at, $"expected a non-negative integer, got {source.DescribeNext()}");
        return source.ReadUInt64();
    }

    private T Enum<T>() where T : struct, Enum
    {
        long at = source.Mark();
        string name = Str();
        if (!EnumNames<T>.TryParse(name, out var value)) throw Fail(at, $"expected one of {EnumNames<T>.Expected}, got '{name}'");
        return value;
    }

    private Point2 Point()
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Array) throw Fail(at, $"expected [x, y], got {source.DescribeNext()}");
        int n = source.ReadArrayHeader();
        if (n != 2) throw Fail(at, $"expected [x, y], got an array of {n} elements");
        _path.Add((null, 0));
        double x = Num(Range.Finite);
        _path[^1] = (null, 1);
        double y = Num(Range.Finite);
        _path.RemoveAt(_path.Count - 1);
        return new Point2(x, y);
    }

    private Point2? OptPoint() => TryNil() ? null : Point();

    private IReadOnlyList<Point2>? OptPoints() => TryNil() ? null : Arr(Point);

    private List<T> Arr<T>(Func<T> item)
    {
        long at = source.Mark();
        if (source.PeekType() != MessagePackType.Array) throw Fail(at, $"expected an array, got {source.DescribeNext()}");
        int n = source.ReadArrayHeader();
        // Capacity is capped: the header was checked against the bytes left, but JSON or unseekable input may lie.
        var list = new List<T>(Math.Min(n, 4096));
        _path.Add((null, 0));
        for (int i = 0; i < n; i++)
        {
            _path[^1] = (null, i);
            list.Add(item());
        }
        _path.RemoveAt(_path.Count - 1);
        return list;
    }

    /// <summary>A free map of names to numbers (`parameters`, per-junction values): any key, no duplicates.</summary>
    private Dictionary<string, double> NumMap(Range range)
    {
        int n = BeginMap();
        var map = new Dictionary<string, double>(Math.Min(n, 4096), StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            string key = Key();
            map[key] = Num(range);
            EndKey();
        }
        EndMap();
        return map;
    }

    /// <summary>
    /// The keys of one map so far. Schema maps have a handful of keys, so a scan (the string cache usually hands
    /// back the same instance, making most compares a reference check) beats hashing every key; free maps with
    /// many keys switch to a hash set.
    /// </summary>
    private sealed class SeenKeys
    {
        private const int ScanLimit = 16;
        private readonly List<string> _few = new(ScanLimit);
        private readonly HashSet<string> _many = new(StringComparer.Ordinal);
        private bool _hashed;

        public void Clear()
        {
            _few.Clear();
            if (_hashed) _many.Clear();
            _hashed = false;
        }

        /// <summary>False when <paramref name="key"/> was already added.</summary>
        public bool Add(string key)
        {
            if (_hashed) return _many.Add(key);
            foreach (var k in _few)
            {
                if (string.Equals(k, key)) return false;
            }
            _few.Add(key);
            if (_few.Count > ScanLimit)
            {
                _many.UnionWith(_few);
                _hashed = true;
            }
            return true;
        }
    }

    private static string Text(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "Infinity" : "-Infinity") : v.ToString("R", CultureInfo.InvariantCulture);

    private InvalidInputException Fail(long mark, string problem)
    {
        var (offset, line) = source.Locate(mark);
        string path = PathText();
        return new InvalidInputException(offset is null ? problem : $"{offset}: {problem}", fileName, line, path.Length == 0 ? null : path);
    }

    private string PathText()
    {
        var sb = new StringBuilder(rootPath);
        foreach (var (key, index) in _path)
        {
            if (key is null) sb.Append('[').Append(index).Append(']');
            else
            {
                if (sb.Length > 0) sb.Append('.');
                sb.Append(key);
            }
        }
        return sb.ToString();
    }
}
