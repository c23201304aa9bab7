using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

// [VALVES] and [EMITTERS] (EPANET input3.c valvedata, emitterdata; input2.c valvecheck).
public sealed partial class InpReader
{
    private readonly List<(string Id, ValveType Type, string Node1, string Node2)> _valveEnds = [];

    private List<Valve> ReadValves()
    {
        var valves = new List<Valve>();
        EachLine("VALVES", line =>
        {
            string id = AddLink(line, LinkKind.Valve, out var n1, out var n2);
            if (line.Tokens.Count < 5)
            {
                throw Bad(line, $"valve {id} needs Node1 Node2 Diameter Type Setting [MinorLoss], got {line.Tokens.Count - 1} value(s)");
            }
            var type = line.Tokens[4].ToUpperInvariant() switch
            {
                "PRV" => ValveType.PRV,
                "PSV" => ValveType.PSV,
                "PBV" => ValveType.PBV,
                "FCV" => ValveType.FCV,
                "TCV" => ValveType.TCV,
                "GPV" => ValveType.GPV,
                "PCV" => throw Bad(line, $"valve {id}: positional control valves (PCV, EPANET 2.3) are not supported", "Type"),
                _ => throw Bad(line, $"valve {id}: unknown type '{line.Tokens[4]}'; expected PRV, PSV, PBV, FCV, TCV or GPV", "Type"),
            };
            CheckValveConnections(line, id, type, n1, n2);
            _valveTypes[id] = type;
            double diameter = Positive(line, 3, $"diameter of valve {id}");
            string? curve = null;
            double setting = 0;
            if (type == ValveType.GPV)
            {
                curve = Token(line, 5, $"head-loss curve of valve {id}");
                if (!_curveIds.Contains(curve)) throw Bad(line, $"valve {id} refers to undefined curve '{curve}'", "Setting");
            }
            else if (line.Tokens.Count > 5)
            {
                setting = SettingToSi(type, NonNegative(line, 5, $"setting of valve {id}"));
            }
            double minor = line.Tokens.Count > 6 ? NonNegative(line, 6, $"minor loss of valve {id}") : 0;
            _valveEnds.Add((id, type, n1, n2));
            valves.Add(new Valve(id, n1, n2, _units.Diameter.ToSi(diameter), type, setting, minor, curve));
        });
        return valves;
    }

    /// <summary>EPANET's valvecheck (<see cref="ValveConnectionRules"/>), naming the line and the valve it clashes with.</summary>
    private void CheckValveConnections(InpLine line, string id, ValveType type, string n1, string n2)
    {
        if (!ValveConnectionRules.NeedsJunctionEnds(type)) return;
        foreach (var (node, field) in new[] { (n1, "Node1"), (n2, "Node2") })
        {
            if (_nodes[node] != 'J')
            {
                throw Bad(line, $"valve {id}: a {type} cannot be connected to {(_nodes[node] == 'T' ? "tank" : "reservoir")} '{node}' (EPANET error 219)", field);
            }
        }
        foreach (var (other, otherType, v1, v2) in _valveEnds)
        {
            if (ValveConnectionRules.Clash(type, n1, n2, (otherType, v1, v2)) is { } clash)
            {
                throw Bad(line, $"valve {id} and valve {other} (line {_sourceLines["link:" + other]}): {clash} (EPANET error 220)");
            }
        }
    }

    /// <summary>A valve setting in SI: a pressure for PRV, PSV and PBV, a flow for an FCV, the loss coefficient of a TCV as is.</summary>
    private double SettingToSi(ValveType type, double setting) => type switch
    {
        ValveType.PRV or ValveType.PSV or ValveType.PBV => PressureToSi(setting),
        ValveType.FCV => FlowToSi(setting),
        _ => setting,
    };

    /// <summary>[EMITTERS] junction coefficient: flow units per (pressure unit)^exponent, converted with the file's units.</summary>
    private void ApplyEmitters(List<Junction> junctions)
    {
        var index = Index(junctions, j => j.Id);
        EachLine("EMITTERS", line =>
        {
            string id = line.Tokens[0];
            if (!_nodes.TryGetValue(id, out char kind)) throw Bad(line, $"emitter at unknown node '{id}'", "Junction");
            double k = NonNegative(line, 1, $"emitter coefficient of junction {id}");
            if (kind != 'J')
            {
                _warnings.Add($"{_file}, line {line.Number}: emitter at {(kind == 'T' ? "tank" : "reservoir")} {id} ignored; emitters belong to junctions (EPANET ignores it too)");
                return;
            }
            if (!index.TryGetValue(id, out int i)) return; // the junction's own line was bad, and is reported
            junctions[i] = junctions[i] with { EmitterCoefficient = Si(_units.Emitter, k) };
        });
    }
}
