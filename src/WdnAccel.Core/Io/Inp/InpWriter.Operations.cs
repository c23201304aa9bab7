using System.Globalization;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

// The sections of an extended-period run: controls, rules, energy, emitters, water quality and times.
public static partial class InpWriter
{
    private sealed partial class Writer
    {
        private static readonly InpConversion Hours = InpConversion.Scale(3600.0);

        private void WriteOperations()
        {
            var junctions = net.Junctions.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
            var valves = net.Valves.ToDictionary(v => v.Id, v => v.Type, StringComparer.Ordinal);
            Block("CONTROLS", net.Controls.Count > 0, () =>
            {
                foreach (var c in net.Controls)
                {
                    string action = $"LINK {Id(c.Action.LinkId)} {ActionValue(c.Action, valves)}";
                    _sb.Append(' ').Append(action).Append(c.Condition switch
                    {
                        ControlCondition.LowLevel or ControlCondition.HighLevel =>
                            $" IF NODE {Id(c.NodeId ?? "")} {(c.Condition == ControlCondition.LowLevel ? "BELOW" : "ABOVE")} " +
                            (c.NodeId is { } node && junctions.Contains(node) ? Pressure(c.Value) : Length(c.Value)),
                        ControlCondition.Timer => $" AT TIME {InpTime.Clock(c.Time)}",
                        _ => $" AT CLOCKTIME {InpTime.Clock(c.Time)}",
                    }).Append('\n');
                }
            });
            Block("RULES", net.Rules.Count > 0, () =>
            {
                foreach (var r in net.Rules)
                {
                    _sb.Append('\n').Append("RULE ").Append(Id(r.Id)).Append('\n');
                    for (int i = 0; i < r.Premises.Count; i++)
                    {
                        string logic = i == 0 ? "IF" : r.Premises[i].Logic == RuleLogic.Or ? "OR" : "AND";
                        _sb.Append(logic.PadRight(5)).Append(Premise(r.Premises[i], valves)).Append('\n');
                    }
                    for (int i = 0; i < r.Then.Count; i++) RuleAction(i == 0 ? "THEN" : "AND", r.Then[i], valves);
                    for (int i = 0; i < r.Else.Count; i++) RuleAction(i == 0 ? "ELSE" : "AND", r.Else[i], valves);
                    if (r.Priority != 0) _sb.Append("PRIORITY ").Append(F(r.Priority)).Append('\n');
                }
            });
            WriteEnergy();
            var emitters = net.Junctions.Where(j => j.EmitterCoefficient != 0).ToList();
            Block("EMITTERS", emitters.Count > 0, () =>
            {
                foreach (var j in emitters) Line(Id(j.Id), Shortest(j.EmitterCoefficient, _u.Emitter));
            });
            WriteQuality();
            WriteReactions();
            var mixing = net.Tanks.Where(t => t.Mixing != MixingModel.Mixed || t.MixingFraction != 1.0).ToList();
            Block("MIXING", mixing.Count > 0, () =>
            {
                foreach (var t in mixing)
                {
                    if (t.Mixing != MixingModel.TwoCompartment && t.MixingFraction != 1.0)
                        lost.Add($"tank {t.Id}: a mixing fraction belongs to the 2COMP model only; {F(t.MixingFraction)} was not written");
                    Line(Id(t.Id), InpKeywords.MixingModels[(int)t.Mixing], t.Mixing == MixingModel.TwoCompartment ? F(t.MixingFraction) : null);
                }
            });
            WriteTimes();
        }

        /// <summary>OPEN, CLOSED, or the setting in file units (a valve's by its type, a pump's speed as is).</summary>
        private string ActionValue(LinkAction a, Dictionary<string, ValveType> valves) =>
            a.Status is { } s ? (s == LinkStatus.Closed ? "CLOSED" : "OPEN")
            : valves.TryGetValue(a.LinkId, out var type) ? Setting(type, a.Setting ?? 0)
            : F(a.Setting ?? 0);

        private void RuleAction(string keyword, LinkAction a, Dictionary<string, ValveType> valves) =>
            _sb.Append(keyword.PadRight(5)).Append("LINK ").Append(Id(a.LinkId)).Append(a.Status is null ? " SETTING IS " : " STATUS IS ")
                .Append(ActionValue(a, valves)).Append('\n');

        private string Premise(RulePremise p, Dictionary<string, ValveType> valves)
        {
            string subject = p.Object switch
            {
                RuleObject.System => "SYSTEM",
                RuleObject.Node => $"NODE {Id(p.ElementId ?? "")}",
                _ => $"LINK {Id(p.ElementId ?? "")}",
            };
            string variable = p.Variable.ToString().ToUpperInvariant();
            if (p.Variable == RuleVariable.Status)
            {
                string status = p.ActiveStatus ? "ACTIVE" : p.Status == LinkStatus.Closed ? "CLOSED" : "OPEN";
                return $"{subject} STATUS {(p.Operator == RuleOperator.NotEqual ? "NOT" : "IS")} {status}";
            }
            string op = p.Operator switch
            {
                RuleOperator.Equal => "=",
                RuleOperator.NotEqual => "<>",
                RuleOperator.Less => "<",
                RuleOperator.Greater => ">",
                RuleOperator.LessOrEqual => "<=",
                _ => ">=",
            };
            string value = p.Variable switch
            {
                RuleVariable.Time or RuleVariable.ClockTime => InpTime.Clock(p.Value),
                RuleVariable.Demand or RuleVariable.Flow => Flow(p.Value),
                RuleVariable.Head or RuleVariable.Grade or RuleVariable.Level => Length(p.Value),
                RuleVariable.Pressure => Pressure(p.Value),
                RuleVariable.FillTime or RuleVariable.DrainTime => Shortest(p.Value, Hours),
                RuleVariable.Setting when p.ElementId is { } link && valves.TryGetValue(link, out var type) => Setting(type, p.Value),
                _ => F(p.Value),
            };
            return $"{subject} {variable} {op} {value}";
        }

        private void WriteEnergy()
        {
            var e = net.Energy;
            var defaults = new EnergySettings();
            var pumps = net.Pumps.Where(p => p.EfficiencyCurveId is not null || p.EnergyPrice is not null || p.PricePatternId is not null).ToList();
            Block("ENERGY", e != defaults || pumps.Count > 0, () =>
            {
                if (e.GlobalEfficiency != defaults.GlobalEfficiency) Line("Global Efficiency", F(e.GlobalEfficiency));
                if (e.GlobalPrice != defaults.GlobalPrice) Line("Global Price", F(e.GlobalPrice));
                if (e.GlobalPricePatternId is { } pattern) Line("Global Pattern", Id(pattern));
                if (e.DemandCharge != defaults.DemandCharge) Line("Demand Charge", F(e.DemandCharge));
                foreach (var p in pumps)
                {
                    if (p.EfficiencyCurveId is { } curve) Line("Pump", Id(p.Id), "Efficiency", Id(curve));
                    if (p.EnergyPrice is { } price) Line("Pump", Id(p.Id), "Price", F(price));
                    if (p.PricePatternId is { } prices) Line("Pump", Id(p.Id), "Pattern", Id(prices));
                }
            });
        }

        private void WriteQuality()
        {
            var initial = net.Quality.InitialQuality;
            Block("QUALITY", initial.Count > 0, () =>
            {
                // Nodes in network order, then any other ids the map holds (the validator names those).
                var ids = net.Junctions.Select(j => j.Id).Concat(net.Reservoirs.Select(r => r.Id)).Concat(net.Tanks.Select(t => t.Id)).ToList();
                var known = ids.ToHashSet(StringComparer.Ordinal);
                foreach (var id in ids.Where(initial.ContainsKey).Concat(initial.Keys.Where(k => !known.Contains(k)))) Line(Id(id), F(initial[id]));
            });
            Block("SOURCES", net.Sources.Count > 0, () =>
            {
                foreach (var s in net.Sources)
                {
                    Line(Id(s.NodeId), InpKeywords.SourceTypes[(int)s.Type], F(s.Strength), s.PatternId is null ? null : Id(s.PatternId));
                }
            });
        }

        private void WriteReactions()
        {
            var r = net.Reactions;
            var d = new ReactionSettings();
            bool any = r.BulkOrder != d.BulkOrder || r.WallOrder != d.WallOrder || r.TankOrder != d.TankOrder || r.GlobalBulk != d.GlobalBulk
                || r.GlobalWall != d.GlobalWall || r.LimitingPotential != d.LimitingPotential || r.RoughnessCorrelation != d.RoughnessCorrelation
                || r.PipeBulk.Count + r.PipeWall.Count + r.TankBulk.Count > 0;
            Block("REACTIONS", any, () =>
            {
                Line("Order Bulk", F(r.BulkOrder));
                Line("Order Wall", F(r.WallOrder));
                Line("Order Tank", F(r.TankOrder));
                Line("Global Bulk", F(r.GlobalBulk));
                Line("Global Wall", Shortest(r.GlobalWall, _u.Wall));
                Line("Limiting Potential", F(r.LimitingPotential));
                Line("Roughness Correlation", Shortest(r.RoughnessCorrelation, _u.Wall));
                foreach (var (pipe, k) in r.PipeBulk) Line("Bulk", Id(pipe), F(k));
                foreach (var (pipe, k) in r.PipeWall) Line("Wall", Id(pipe), Shortest(k, _u.Wall));
                foreach (var (tank, k) in r.TankBulk) Line("Tank", Id(tank), F(k));
            });
        }

        private void WriteTimes()
        {
            var t = net.Times;
            var d = new SimulationTimes();
            Block("TIMES", t != d, () =>
            {
                void Time(string key, double seconds, double fallback)
                {
                    if (seconds != fallback) Line(key, InpTime.Clock(seconds));
                }
                Time("Duration", t.Duration, d.Duration);
                Time("Hydraulic Timestep", t.HydraulicStep, d.HydraulicStep);
                Time("Quality Timestep", t.QualityStep, d.QualityStep);
                Time("Rule Timestep", t.RuleStep, d.RuleStep);
                Time("Pattern Timestep", t.PatternStep, d.PatternStep);
                Time("Pattern Start", t.PatternStart, d.PatternStart);
                Time("Report Timestep", t.ReportStep, d.ReportStep);
                Time("Report Start", t.ReportStart, d.ReportStart);
                Time("Start ClockTime", t.StartClockTime, d.StartClockTime);
            });
        }
    }
}
