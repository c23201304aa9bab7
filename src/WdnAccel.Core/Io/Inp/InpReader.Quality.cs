using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

// [ENERGY], [QUALITY], [SOURCES], [REACTIONS] and [MIXING] (EPANET input3.c energydata, qualdata, sourcedata,
// reactdata, mixingdata).
public sealed partial class InpReader
{
    private EnergySettings ReadEnergy(List<Pump> pumps)
    {
        var energy = new EnergySettings();
        var index = Index(pumps, p => p.Id);
        EachLine("ENERGY", line =>
        {
            var t = line.Tokens;
            int n = t.Count;
            if (n < 3) throw Bad(line, $"an [ENERGY] line reads GLOBAL|PUMP id PRICE|PATTERN|EFFICIENCY value, or DEMAND CHARGE value; got {n} field(s)", t[0]);
            if (InpKeywords.Is(t[0], "DEMAN"))
            {
                energy = energy with { DemandCharge = NonNegative(line, 2, "Demand Charge") };
                return;
            }
            int pump = -1;
            if (InpKeywords.Is(t[0], "PUMP"))
            {
                if (n < 4) throw Bad(line, $"a pump's [ENERGY] line reads PUMP id PRICE|PATTERN|EFFICIENCY value; got {n} field(s)");
                if (!index.TryGetValue(t[1], out pump)) throw Bad(line, $"[ENERGY] refers to '{t[1]}', which is not a pump (EPANET error 216)", "Pump");
            }
            else if (!InpKeywords.Is(t[0], "GLOB"))
            {
                throw Bad(line, $"expected GLOBAL, PUMP or DEMAND CHARGE, got '{t[0]}'", t[0]);
            }
            string key = t[n - 2], value = t[n - 1], what = pump < 0 ? "Global" : $"pump {t[1]}";
            if (InpKeywords.Is(key, "PRICE"))
            {
                double price = NonNegative(line, n - 1, $"{what} energy price");
                if (pump < 0) energy = energy with { GlobalPrice = price };
                else pumps[pump] = pumps[pump] with { EnergyPrice = price };
            }
            else if (InpKeywords.Is(key, "PATT"))
            {
                if (!_patternIds.Contains(value)) throw Bad(line, $"{what} price pattern refers to undefined pattern '{value}'", "Pattern");
                if (pump < 0) energy = energy with { GlobalPricePatternId = value };
                else pumps[pump] = pumps[pump] with { PricePatternId = value };
            }
            else if (InpKeywords.Is(key, "EFFI"))
            {
                if (pump < 0) energy = energy with { GlobalEfficiency = Positive(line, n - 1, "Global Efficiency") };
                else if (_curveIds.Contains(value)) pumps[pump] = pumps[pump] with { EfficiencyCurveId = value };
                else throw Bad(line, $"{what} refers to undefined efficiency curve '{value}'", "Efficiency");
            }
            else
            {
                throw Bad(line, $"expected PRICE, PATTERN or EFFICIENCY, got '{key}'", key);
            }
        });
        return energy;
    }

    private QualitySettings ReadQuality()
    {
        var initial = new Dictionary<string, double>(StringComparer.Ordinal);
        EachLine("QUALITY", line =>
        {
            var t = line.Tokens;
            if (t.Count < 2) throw Bad(line, $"initial quality of node {t[0]} has no value", "InitQual");
            if (t.Count == 2)
            {
                if (!_nodes.ContainsKey(t[0])) throw Bad(line, $"initial quality of unknown node '{t[0]}'", "Node");
                initial[t[0]] = NonNegative(line, 1, $"initial quality of node {t[0]}");
                return;
            }
            // EPANET qualdata: "node1 node2 value" sets every node of the id range.
            double c = NonNegative(line, 2, $"initial quality of nodes {t[0]} to {t[1]}");
            foreach (var id in InRange(_nodes.Keys, t[0], t[1])) initial[id] = c;
        });
        if (_qualityOptions is { Mode: QualityMode.Trace, TraceNodeId: { } trace } && _traceLine is { } at && !_nodes.ContainsKey(trace))
        {
            Collect(Bad(at, $"trace node '{trace}' is not a node of the network (EPANET error 212)", "Quality"));
        }
        return _qualityOptions with { InitialQuality = initial };
    }

    private List<QualitySource> ReadSources()
    {
        var sources = new List<QualitySource>();
        EachLine("SOURCES", line =>
        {
            var t = line.Tokens;
            string node = t[0];
            if (!_nodes.ContainsKey(node)) throw Bad(line, $"source at unknown node '{node}'", "Node");
            // A pre-2.0 line gives no type: a concentration source.
            int type = t.Count > 1 ? InpKeywords.Find(t[1], InpKeywords.SourceTypes) : -1;
            int i = type < 0 ? 1 : 2;
            if (type < 0 && t.Count > 1 && !TryNumber(t[1], out _))
            {
                throw Bad(line, $"unknown source type '{t[1]}'; expected CONCEN, MASS, SETPOINT or FLOWPACED", "Type");
            }
            double strength = Number(line, i, $"strength of the source at node {node}");
            string? pattern = t.Count > i + 1 && t[i + 1] != "*" ? t[i + 1] : null;
            if (pattern is not null && !_patternIds.Contains(pattern)) throw Bad(line, $"source at node {node} refers to undefined pattern '{pattern}'", "Pattern");
            // EPANET keeps one source per node: a later line replaces an earlier one.
            sources.RemoveAll(s => s.NodeId == node);
            sources.Add(new QualitySource(node, type < 0 ? SourceType.Concentration : (SourceType)type, strength, pattern));
            _sourceLines["source:" + node] = line.Number;
        });
        return sources;
    }

    private ReactionSettings ReadReactions()
    {
        var reactions = new ReactionSettings();
        var pipeBulk = new Dictionary<string, double>(StringComparer.Ordinal);
        var pipeWall = new Dictionary<string, double>(StringComparer.Ordinal);
        var tankBulk = new Dictionary<string, double>(StringComparer.Ordinal);
        var pipes = _links.Where(l => l.Value is LinkKind.Pipe or LinkKind.CheckValvePipe).Select(l => l.Key).ToList();
        var tanks = _nodes.Where(n => n.Value == 'T').Select(n => n.Key).ToList();
        EachLine("REACTIONS", line =>
        {
            var t = line.Tokens;
            int n = t.Count;
            if (n < 3) throw Bad(line, $"a [REACTIONS] line reads a keyword, what it applies to and a value; got {n} field(s)", t[0]);
            string field = string.Join(' ', t.Take(n - 1));
            double y = Number(line, n - 1, field);
            if (InpKeywords.Is(t[0], "ORDER"))
            {
                reactions = InpKeywords.Is(t[1], "BULK") ? reactions with { BulkOrder = y }
                    : InpKeywords.Is(t[1], "TANK") ? reactions with { TankOrder = y }
                    : !InpKeywords.Is(t[1], "WALL") ? throw Bad(line, $"expected ORDER BULK, WALL or TANK, got '{field}'", field)
                    : y is 0 or 1 ? reactions with { WallOrder = y }
                    : throw Bad(line, $"the wall reaction order is 0 or 1, got {t[n - 1]}", field);
            }
            else if (InpKeywords.Is(t[0], "ROUG")) reactions = reactions with { RoughnessCorrelation = y };
            else if (InpKeywords.Is(t[0], "LIMIT")) reactions = reactions with { LimitingPotential = y };
            else if (InpKeywords.Is(t[0], "GLOB"))
            {
                reactions = InpKeywords.Is(t[1], "BULK") ? reactions with { GlobalBulk = y }
                    : InpKeywords.Is(t[1], "WALL") ? reactions with { GlobalWall = y }
                    : throw Bad(line, $"expected GLOBAL BULK or GLOBAL WALL, got '{field}'", field);
            }
            else if (InpKeywords.Is(t[0], "BULK") || InpKeywords.Is(t[0], "WALL"))
            {
                var target = InpKeywords.Is(t[0], "BULK") ? pipeBulk : pipeWall;
                foreach (var id in Elements(line, pipes, _links.ContainsKey, "pipe", "link")) target[id] = y;
            }
            else if (InpKeywords.Is(t[0], "TANK"))
            {
                foreach (var id in Elements(line, tanks, _nodes.ContainsKey, "tank", "node")) tankBulk[id] = y;
            }
            else
            {
                throw Bad(line, $"expected ORDER, GLOBAL, BULK, WALL, TANK, LIMITING POTENTIAL or ROUGHNESS CORRELATION, got '{t[0]}'", t[0]);
            }
        });
        // Wall coefficients carry a length (ft/day or mass/ft²/day in US files), in the units of the final wall order.
        var wall = new InpUnits(_options, _units.PressureInKpa, reactions.WallOrder).Wall;
        return reactions with
        {
            GlobalWall = OptionToSi(wall, reactions.GlobalWall, "Global Wall"),
            RoughnessCorrelation = OptionToSi(wall, reactions.RoughnessCorrelation, "Roughness Correlation"),
            PipeBulk = pipeBulk,
            PipeWall = pipeWall.ToDictionary(p => p.Key, p => OptionToSi(wall, p.Value, $"Wall {p.Key}"), StringComparer.Ordinal),
            TankBulk = tankBulk,
        };
    }

    /// <summary>The <paramref name="kind"/>s a [REACTIONS] line names: one id (which must be one), or an id range.</summary>
    private IEnumerable<string> Elements(InpLine line, List<string> candidates, Func<string, bool> exists, string kind, string anyKind)
    {
        var t = line.Tokens;
        if (t.Count > 3) return InRange(candidates, t[1], t[2]);
        if (!exists(t[1])) throw Bad(line, $"[REACTIONS] {t[0]} refers to unknown {anyKind} '{t[1]}'", kind);
        if (!candidates.Contains(t[1])) throw Bad(line, $"[REACTIONS] {t[0]} refers to '{t[1]}', which is not a {kind}", kind);
        return [t[1]];
    }

    /// <summary>
    /// The ids from <paramref name="first"/> to <paramref name="last"/> as EPANET ranges them: numerically when both ends
    /// start with a positive integer (C atol), else in byte order.
    /// </summary>
    private static IEnumerable<string> InRange(IEnumerable<string> ids, string first, string last)
    {
        long a = LeadingInteger(first), b = LeadingInteger(last);
        return a > 0 && b > 0
            ? ids.Where(id => LeadingInteger(id) is var i && i >= a && i <= b).ToList()
            : ids.Where(id => string.CompareOrdinal(first, id) <= 0 && string.CompareOrdinal(last, id) >= 0).ToList();
    }

    private static long LeadingInteger(string s)
    {
        int i = 0;
        bool negative = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '-' or '+') i++;
        long value = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++) value = Math.Min(value * 10 + (s[i] - '0'), long.MaxValue / 10);
        return negative ? -value : value;
    }

    private void ApplyMixing(Tank[] tanks)
    {
        var index = Index(tanks, t => t.Id);
        EachLine("MIXING", line =>
        {
            var t = line.Tokens;
            if (!_nodes.TryGetValue(t[0], out char kind)) throw Bad(line, $"mixing of unknown node '{t[0]}'", "Tank");
            string model = Token(line, 1, $"mixing model of tank {t[0]}");
            int m = InpKeywords.Find(model, InpKeywords.MixingModels);
            if (m < 0) throw Bad(line, $"unknown mixing model '{model}'; expected MIXED, 2COMP, FIFO or LIFO", "Model");
            if (kind != 'T')
            {
                _warnings.Add($"{_file}, line {line.Number}: mixing of {(kind == 'J' ? "junction" : "reservoir")} {t[0]} ignored; mixing models belong to tanks (EPANET ignores it too)");
                return;
            }
            double fraction = 1;
            if (m == 1 && t.Count > 2)
            {
                fraction = Number(line, 2, $"mixing fraction of tank {t[0]}");
                if (fraction == 0) fraction = 1; // EPANET mixingdata: a zero fraction means the whole tank
                if (fraction is < 0 or > 1) throw Bad(line, $"the mixing zone of tank {t[0]} is a fraction in (0, 1] of its volume, got {t[2]}", "Fraction");
            }
            if (!index.TryGetValue(t[0], out int i)) return; // the tank's own line was bad, and is reported
            tanks[i] = tanks[i] with { Mixing = (MixingModel)m, MixingFraction = fraction };
        });
    }
}
