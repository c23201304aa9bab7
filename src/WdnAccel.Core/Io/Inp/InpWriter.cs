using System.Globalization;
using System.Text;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET .inp export of a scenario's network, in the flow units the network records (US customary or SI as
/// EPANET ties them to flow units). Numbers are written in shortest round-trip form so that a re-import gives
/// the same model bit for bit, unit conversions included; an empty title becomes the scenario's name. What .inp cannot hold (design, supply
/// and graph blocks, per-node pressure bounds, demand cases) is reported as warnings, not dropped silently.
/// </summary>
public static class InpWriter
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
        warnings = lost;
        return new Writer(net, scenario.Name).Text();
    }

    private sealed class Writer(Network net, string name)
    {
        private readonly StringBuilder _sb = new();
        private readonly bool _us = Units.IsUsCustomary(net.Options.FlowUnits);

        private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>
        /// The shortest decimal of a value in file units that the reader converts back to exactly <paramref name="si"/>:
        /// 12 rather than 12.000000000000002 for a 12-inch pipe, so exports carry no conversion noise and still
        /// re-import bit for bit. <paramref name="toSi"/> must be the reader's own conversion.
        /// </summary>
        private static string Shortest(double si, Func<double, double> fromSi, Func<double, double> toSi)
        {
            double file = fromSi(si);
            for (int digits = 1; digits <= 17; digits++)
            {
                string text = file.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                double value = double.Parse(text, CultureInfo.InvariantCulture);
                if (toSi(value).Equals(si)) return F(value); // "11600", not "1.16E+04"
            }
            return F(file);
        }

        private static string Id(string id) => id.Any(char.IsWhiteSpace) || id.Contains(';') ? $"\"{id}\"" : id;
        private string Length(double m) => _us ? Shortest(m, v => v / Units.MetersPerFoot, v => v * Units.MetersPerFoot) : F(m);
        private string Diameter(double m) =>
            _us ? Shortest(m, v => v / Units.MetersPerInch, v => v * Units.MetersPerInch) : Shortest(m, v => v * 1000.0, v => v / 1000.0);
        private string Flow(double q)
        {
            double unit = Units.FlowToSi(net.Options.FlowUnits);
            return Shortest(q, v => v / unit, v => v * unit);
        }
        private string Volume(double v) => _us ? Shortest(v, x => x / Units.CubicMetersPerCubicFoot, x => x * Units.CubicMetersPerCubicFoot) : F(v);
        private string Power(double kw) => _us ? Shortest(kw, x => x / Units.KilowattsPerHorsepower, x => x * Units.KilowattsPerHorsepower) : F(kw);
        private string Roughness(double r) =>
            net.Options.HeadLoss != HeadLossModel.DarcyWeisbach ? F(r)
            : _us ? Shortest(r, x => x / Units.MetersPerFoot * 1e3, x => x * 1e-3 * Units.MetersPerFoot) : Shortest(r, x => x * 1000.0, x => x / 1000.0);

        private void Section(string name) => _sb.Append('\n').Append('[').Append(name).Append("]\n");
        private void Line(params string?[] fields) => _sb.Append(' ').AppendJoin('\t', fields.Where(f => f is not null)).Append('\n');

        public string Text()
        {
            Section("TITLE");
            foreach (var line in net.Title.Split('\n')) if (line.Length > 0) _sb.Append(line).Append('\n');
            if (net.Title.Trim().Length == 0 && name.Length > 0) _sb.Append(name).Append('\n'); // not an empty [TITLE]

            Section("JUNCTIONS");
            _sb.Append(";ID\tElev\tDemand\tPattern\n");
            var multi = new List<Junction>();
            foreach (var j in net.Junctions)
            {
                bool single = j.Demands.Count == 1 && j.Demands[0].Category is null;
                if (!single && j.Demands.Count > 0) multi.Add(j);
                var d = single ? j.Demands[0] : new DemandComponent(0);
                Line(Id(j.Id), Length(j.Elevation), Flow(d.BaseDemand), d.PatternId is null ? null : Id(d.PatternId));
            }

            Section("RESERVOIRS");
            _sb.Append(";ID\tHead\tPattern\n");
            foreach (var r in net.Reservoirs) Line(Id(r.Id), Length(r.Head), r.PatternId is null ? null : Id(r.PatternId));

            Section("TANKS");
            _sb.Append(";ID\tElevation\tInitLevel\tMinLevel\tMaxLevel\tDiameter\tMinVol\tVolCurve\tOverflow\n");
            foreach (var t in net.Tanks)
            {
                Line(Id(t.Id), Length(t.Elevation), Length(t.InitLevel), Length(t.MinLevel), Length(t.MaxLevel), Length(t.Diameter),
                    Volume(t.MinVolume), t.VolumeCurveId is null ? (t.CanOverflow ? "*" : null) : Id(t.VolumeCurveId), t.CanOverflow ? "YES" : null);
            }

            Section("PIPES");
            _sb.Append(";ID\tNode1\tNode2\tLength\tDiameter\tRoughness\tMinorLoss\tStatus\n");
            foreach (var p in net.Pipes)
            {
                string status = p.Status switch { LinkStatus.Closed => "Closed", LinkStatus.CheckValve => "CV", _ => "Open" };
                Line(Id(p.Id), Id(p.Node1), Id(p.Node2), Length(p.Length), Diameter(p.Diameter), Roughness(p.Roughness), F(p.MinorLoss), status);
            }

            Section("PUMPS");
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

            if (multi.Count > 0)
            {
                Section("DEMANDS");
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
            }

            var closedPumps = net.Pumps.Where(p => p.Status == LinkStatus.Closed).ToList();
            if (closedPumps.Count > 0)
            {
                Section("STATUS");
                foreach (var p in closedPumps) Line(Id(p.Id), "Closed");
            }

            Section("PATTERNS");
            foreach (var p in net.Patterns)
            {
                // Six multipliers a line, as EPANET writes them.
                for (int i = 0; i < p.Multipliers.Count; i += 6)
                {
                    Line([Id(p.Id), .. p.Multipliers.Skip(i).Take(6).Select(F)]);
                }
            }

            Section("CURVES");
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

            foreach (var extra in net.ExtraSections.Where(s => s.Name != "OPTIONS"))
            {
                Section(extra.Name);
                foreach (var line in extra.Lines) _sb.Append(line).Append('\n');
            }

            Section("OPTIONS");
            var o = net.Options;
            Line("Units", o.FlowUnits.ToString());
            Line("Headloss", o.HeadLoss == HeadLossModel.DarcyWeisbach ? "D-W" : "H-W");
            Line("Specific Gravity", F(o.SpecificGravity));
            Line("Viscosity", F(o.RelativeViscosity));
            Line("Trials", o.MaxTrials.ToString(CultureInfo.InvariantCulture));
            Line("Accuracy", F(o.Accuracy));
            if (o.DefaultPatternId is not null) Line("Pattern", Id(o.DefaultPatternId));
            Line("Demand Multiplier", F(o.DemandMultiplier));
            foreach (var extra in net.ExtraSections.Where(s => s.Name == "OPTIONS"))
            {
                foreach (var line in extra.Lines) _sb.Append(' ').Append(line).Append('\n');
            }

            Section("COORDINATES");
            foreach (var (id, c) in net.Junctions.Select(j => (j.Id, j.Coordinates))
                         .Concat(net.Reservoirs.Select(r => (r.Id, r.Coordinates)))
                         .Concat(net.Tanks.Select(t => (t.Id, t.Coordinates))))
            {
                if (c is { } p) Line(Id(id), F(p.X), F(p.Y));
            }

            Section("VERTICES");
            foreach (var (id, vs) in net.Pipes.Select(p => (p.Id, p.Vertices)).Concat(net.Pumps.Select(p => (p.Id, p.Vertices))))
            {
                if (vs is null) continue;
                foreach (var v in vs) Line(Id(id), F(v.X), F(v.Y));
            }

            _sb.Append("\n[END]\n");
            return _sb.ToString();
        }
    }
}
