using System.Globalization;
using System.Text;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET .inp export of a scenario's network, in the flow units the network records (US customary or SI as
/// EPANET ties them to flow units), every section of an extended-period run included. Numbers are written in shortest
/// round-trip form so that a re-import gives the same model bit for bit, unit conversions included (both sides convert
/// through <see cref="InpUnits"/>); times as h:mm:ss. Sections carried verbatim are written under the typed section of
/// the same name, never as a second one. An empty title becomes the scenario's name. What .inp cannot hold (design,
/// supply and graph blocks, per-node pressure bounds, demand cases, ...) is reported as warnings, not dropped silently.
/// </summary>
public static partial class InpWriter
{
    public static string Write(Scenario scenario, out IReadOnlyList<string> warnings)
    {
        var lost = new List<string>();
        if (scenario.Design is not null) lost.Add("the design block (catalog, decision pipes, limits) is not part of .inp and was not written");
        if (scenario.Supply is not null) lost.Add("the supply block is not part of .inp and was not written");
        if (scenario.GraphAllocation is not null) lost.Add("the graph_allocation block is not part of .inp and was not written");
        if (scenario.Solver is not null) lost.Add("the solver block is not part of .inp and was not written");
        var net = scenario.Network;
        if (net.DemandCases.Count > 0) lost.Add($"{net.DemandCases.Count} demand case(s) are not part of .inp and were not written");
        int bounded = net.Junctions.Count(j => j.MinPressure is not null || j.MaxPressure is not null);
        if (bounded > 0) lost.Add($"per-node pressure bounds of {bounded} junction(s) are not part of .inp and were not written");
        string text = new Writer(net, scenario.Name, lost).Text();
        warnings = lost;
        return text;
    }

    private sealed partial class Writer(Network net, string name, List<string> lost)
    {
        /// <summary>The sections this writer writes itself; carried sections of these names are merged into them.</summary>
        private static readonly HashSet<string> Typed =
        [
            "TITLE", "JUNCTIONS", "RESERVOIRS", "TANKS", "PIPES", "PUMPS", "VALVES", "DEMANDS", "STATUS", "PATTERNS", "CURVES",
            "CONTROLS", "RULES", "ENERGY", "EMITTERS", "QUALITY", "SOURCES", "REACTIONS", "MIXING", "TIMES", "OPTIONS",
            "COORDINATES", "VERTICES",
        ];

        private readonly StringBuilder _sb = new();
        private readonly InpUnits _u = InpUnits.Of(net);

        private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// The shortest decimal of a value in file units that the reader converts back to exactly <paramref name="si"/>:
        /// 12 rather than 12.000000000000002 for a 12-inch pipe, so exports carry no conversion noise and still
        /// re-import bit for bit.
        /// </summary>
        private static string Shortest(double si, InpConversion conversion)
        {
            double file = conversion.FromSi(si);
            for (int digits = 1; digits <= 17; digits++)
            {
                string text = file.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                double value = double.Parse(text, CultureInfo.InvariantCulture);
                if (conversion.ToSi(value).Equals(si)) return F(value); // "11600", not "1.16E+04"
            }
            // A value set in SI (or in other units) may have no decimal that converts back onto it; a neighbouring
            // double in file units often does, and "R" writes that double exactly.
            double up = file, down = file;
            for (int step = 0; step < 16; step++)
            {
                up = Math.BitIncrement(up);
                down = Math.BitDecrement(down);
                if (conversion.ToSi(up).Equals(si)) return F(up);
                if (conversion.ToSi(down).Equals(si)) return F(down);
            }
            return F(file);
        }

        private static string Id(string id) => id.Any(char.IsWhiteSpace) || id.Contains(';') ? $"\"{id}\"" : id;
        private string Length(double m) => Shortest(m, _u.Length);
        private string Diameter(double m) => Shortest(m, _u.Diameter);
        private string Flow(double q) => Shortest(q, _u.Flow);
        private string Pressure(double m) => Shortest(m, _u.Pressure);
        private string Volume(double v) => Shortest(v, _u.Volume);
        private string Power(double kw) => Shortest(kw, _u.Power);
        private string Roughness(double r) => Shortest(r, _u.Roughness);

        private void Section(string section) => _sb.Append('\n').Append('[').Append(section).Append("]\n");
        private void Line(params string?[] fields) => _sb.Append(' ').AppendJoin('\t', fields.Where(f => f is not null)).Append('\n');

        /// <summary>
        /// Writes section <paramref name="section"/>: <paramref name="write"/>'s lines when <paramref name="any"/>, then the
        /// lines carried verbatim under that name; nothing at all when both are empty.
        /// </summary>
        private void Block(string section, bool any, Action write)
        {
            var carried = net.ExtraSections.Where(s => s.Name == section).SelectMany(s => s.Lines).ToList();
            if (!any && carried.Count == 0) return;
            Section(section);
            if (any) write();
            // [OPTIONS] lines are written as data lines; other carried lines exactly as they were read.
            foreach (var line in carried) _sb.Append(section == "OPTIONS" ? " " : "").Append(line).Append('\n');
        }

        public string Text()
        {
            Block("TITLE", true, () =>
            {
                foreach (var line in net.Title.Split('\n')) if (line.Length > 0) _sb.Append(line).Append('\n');
                if (net.Title.Trim().Length == 0 && name.Length > 0) _sb.Append(name).Append('\n'); // not an empty [TITLE]
            });
            var multi = new List<Junction>();
            Block("JUNCTIONS", true, () =>
            {
                _sb.Append(";ID\tElev\tDemand\tPattern\n");
                foreach (var j in net.Junctions)
                {
                    bool single = j.Demands.Count == 1 && j.Demands[0].Category is null;
                    if (!single && j.Demands.Count > 0) multi.Add(j);
                    var d = single ? j.Demands[0] : new DemandComponent(0);
                    Line(Id(j.Id), Length(j.Elevation), Flow(d.BaseDemand), d.PatternId is null ? null : Id(d.PatternId));
                }
            });
            Block("RESERVOIRS", true, () =>
            {
                _sb.Append(";ID\tHead\tPattern\n");
                foreach (var r in net.Reservoirs) Line(Id(r.Id), Length(r.Head), r.PatternId is null ? null : Id(r.PatternId));
            });
            Block("TANKS", true, () =>
            {
                _sb.Append(";ID\tElevation\tInitLevel\tMinLevel\tMaxLevel\tDiameter\tMinVol\tVolCurve\tOverflow\n");
                foreach (var t in net.Tanks)
                {
                    Line(Id(t.Id), Length(t.Elevation), Length(t.InitLevel), Length(t.MinLevel), Length(t.MaxLevel), Length(t.Diameter),
                        Volume(t.MinVolume), t.VolumeCurveId is null ? (t.CanOverflow ? "*" : null) : Id(t.VolumeCurveId), t.CanOverflow ? "YES" : null);
                }
            });
            Block("PIPES", true, () =>
            {
                _sb.Append(";ID\tNode1\tNode2\tLength\tDiameter\tRoughness\tMinorLoss\tStatus\n");
                foreach (var p in net.Pipes)
                {
                    string status = p.Status switch { LinkStatus.Closed => "Closed", LinkStatus.CheckValve => "CV", _ => "Open" };
                    Line(Id(p.Id), Id(p.Node1), Id(p.Node2), Length(p.Length), Diameter(p.Diameter), Roughness(p.Roughness), F(p.MinorLoss), status);
                }
            });
            Block("PUMPS", true, () =>
            {
                _sb.Append(";ID\tNode1\tNode2\tParameters\n");
                foreach (var p in net.Pumps)
                {
                    var fields = new List<string> { Id(p.Id), Id(p.Node1), Id(p.Node2) };
                    if (p.HeadCurveId is not null) fields.AddRange(["HEAD", Id(p.HeadCurveId)]);
                    if (p.Power is { } kw) fields.AddRange(["POWER", Power(kw)]);
                    if (p.Speed != 1.0) fields.AddRange(["SPEED", F(p.Speed)]);
                    if (p.PatternId is not null) fields.AddRange(["PATTERN", Id(p.PatternId)]);
                    Line([.. fields]);
                }
            });
            Block("VALVES", net.Valves.Count > 0, WriteValves);
            Block("DEMANDS", multi.Count > 0, () =>
            {
                _sb.Append(";Junction\tDemand\tPattern\tCategory\n");
                foreach (var j in multi)
                {
                    foreach (var d in j.Demands)
                    {
                        _sb.Append(' ').Append(Id(j.Id)).Append('\t').Append(Flow(d.BaseDemand));
                        if (d.PatternId is not null) _sb.Append('\t').Append(Id(d.PatternId));
                        if (d.Category is not null) _sb.Append("\t;").Append(d.Category);
                        _sb.Append('\n');
                    }
                }
            });
            var closedPumps = net.Pumps.Where(p => p.Status == LinkStatus.Closed).ToList();
            var fixedValves = net.Valves.Where(v => v.FixedStatus is LinkStatus.Open or LinkStatus.Closed).ToList();
            Block("STATUS", closedPumps.Count + fixedValves.Count > 0, () =>
            {
                foreach (var p in closedPumps) Line(Id(p.Id), "Closed");
                foreach (var v in fixedValves) Line(Id(v.Id), v.FixedStatus == LinkStatus.Closed ? "Closed" : "Open");
            });
            Block("PATTERNS", true, () =>
            {
                foreach (var p in net.Patterns)
                {
                    // Six multipliers a line, as EPANET writes them.
                    for (int i = 0; i < p.Multipliers.Count; i += 6)
                    {
                        Line([Id(p.Id), .. p.Multipliers.Skip(i).Take(6).Select(F)]);
                    }
                }
            });
            Block("CURVES", true, WriteCurves);
            WriteOperations();

            foreach (var extra in net.ExtraSections.Where(s => !Typed.Contains(s.Name)))
            {
                Section(extra.Name);
                foreach (var line in extra.Lines) _sb.Append(line).Append('\n');
            }

            Block("OPTIONS", true, WriteOptions);
            Block("COORDINATES", true, () =>
            {
                foreach (var (id, c) in net.Junctions.Select(j => (j.Id, j.Coordinates))
                             .Concat(net.Reservoirs.Select(r => (r.Id, r.Coordinates)))
                             .Concat(net.Tanks.Select(t => (t.Id, t.Coordinates))))
                {
                    if (c is { } p) Line(Id(id), F(p.X), F(p.Y));
                }
            });
            Block("VERTICES", true, () =>
            {
                foreach (var (id, vs) in net.Pipes.Select(p => (p.Id, p.Vertices)).Concat(net.Pumps.Select(p => (p.Id, p.Vertices)))
                             .Concat(net.Valves.Select(v => (v.Id, v.Vertices))))
                {
                    if (vs is null) continue;
                    foreach (var v in vs) Line(Id(id), F(v.X), F(v.Y));
                }
            });

            _sb.Append("\n[END]\n");
            return _sb.ToString();
        }

        private void WriteCurves()
        {
            foreach (var c in net.Curves)
            {
                string label = c.Kind switch
                {
                    CurveKind.Efficiency => "EFFICIENCY",
                    CurveKind.Volume => "VOLUME",
                    CurveKind.HeadLoss => "HEADLOSS",
                    _ => "PUMP",
                };
                _sb.Append(';').Append(label).Append(":\n");
                foreach (var pt in c.Points)
                {
                    var (x, y) = c.Kind switch
                    {
                        CurveKind.PumpHead or CurveKind.HeadLoss => (Flow(pt.X), Length(pt.Y)),
                        CurveKind.Efficiency => (Flow(pt.X), F(pt.Y)),
                        _ => (Length(pt.X), Volume(pt.Y)),
                    };
                    Line(Id(c.Id), x, y);
                }
            }
        }

        private void WriteValves()
        {
            _sb.Append(";ID\tNode1\tNode2\tDiameter\tType\tSetting\tMinorLoss\n");
            foreach (var v in net.Valves)
            {
                string setting = v.Type == ValveType.GPV ? Id(v.CurveId ?? "") : Setting(v.Type, v.Setting);
                Line(Id(v.Id), Id(v.Node1), Id(v.Node2), Diameter(v.Diameter), v.Type.ToString(), setting, F(v.MinorLoss));
            }
        }

        /// <summary>A valve setting in file units: a pressure for PRV, PSV and PBV, a flow for an FCV, a TCV's coefficient as is.</summary>
        private string Setting(ValveType type, double setting) => type switch
        {
            ValveType.PRV or ValveType.PSV or ValveType.PBV => Pressure(setting),
            ValveType.FCV => Flow(setting),
            _ => F(setting),
        };

        private void WriteOptions()
        {
            var o = net.Options;
            Line("Units", o.FlowUnits.ToString());
            Line("Headloss", o.HeadLoss.InpKeyword());
            Line("Specific Gravity", F(o.SpecificGravity));
            Line("Viscosity", F(o.RelativeViscosity));
            Line("Trials", o.MaxTrials.ToString(CultureInfo.InvariantCulture));
            Line("Accuracy", F(o.Accuracy));
            if (o.DefaultPatternId is not null) Line("Pattern", Id(o.DefaultPatternId));
            Line("Demand Multiplier", F(o.DemandMultiplier));
            Line("Demand Model", o.DemandModel == DemandModel.PressureDriven ? "PDA" : "DDA");
            // EPANET reads MINIMUM PRESSURE before REQUIRED PRESSURE's check, in file pressure units.
            Line("Minimum Pressure", Pressure(o.MinimumPressure));
            Line("Required Pressure", Pressure(o.RequiredPressure));
            Line("Pressure Exponent", F(o.PressureExponent));
            Line("Emitter Exponent", F(o.EmitterExponent));
            Line("CHECKFREQ", o.CheckFrequency.ToString(CultureInfo.InvariantCulture));
            Line("MAXCHECK", o.MaxCheck.ToString(CultureInfo.InvariantCulture));
            Line("DAMPLIMIT", F(o.DampLimit));
            Line("HEADERROR", Length(o.HeadError));
            Line("FLOWCHANGE", Flow(o.FlowChange));
            Line("Unbalanced", o.ExtraTrials < 0 ? "Stop" : $"Continue {o.ExtraTrials.ToString(CultureInfo.InvariantCulture)}");
            var q = net.Quality;
            Line("Quality", q.Mode switch
            {
                QualityMode.None => "None",
                QualityMode.Age => "Age",
                QualityMode.Trace => $"Trace {Id(q.TraceNodeId ?? "")}",
                _ => $"{Id(ChemicalName(q.ChemicalName))} {q.MassUnits}/L",
            });
            Line("Diffusivity", Shortest(q.RelativeDiffusivity, _u.Diffusivity));
            Line("Tolerance", F(q.Tolerance));
        }

        /// <summary>A chemical's name EPANET reads back as that chemical: not one that starts like NONE, AGE or TRACE.</summary>
        private string ChemicalName(string chemical)
        {
            if (chemical.Length > 0 && !new[] { "NONE", "AGE", "TRACE" }.Any(k => InpKeywords.Is(chemical, k))) return chemical;
            lost.Add($"the chemical name '{chemical}' would read back as another quality mode; written as Chemical");
            return "Chemical";
        }
    }
}
