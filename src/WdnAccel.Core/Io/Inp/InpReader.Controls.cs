using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

// [CONTROLS] and [RULES] (EPANET input3.c controldata; rules.c ruledata, newpremise, newaction, newpriority).
public sealed partial class InpReader
{
    private List<SimpleControl> ReadControls()
    {
        var controls = new List<SimpleControl>();
        EachLine("CONTROLS", line =>
        {
            var t = line.Tokens;
            int n = t.Count;
            if (InpKeywords.Is(t[^1], "DISABLED")) throw Bad(line, "DISABLED controls (EPANET 2.3) are not supported; remove the control or the word", "DISABLED");
            if (n < 6)
            {
                throw Bad(line, $"a control reads LINK id setting IF NODE id ABOVE|BELOW value, or LINK id setting AT TIME|CLOCKTIME time; got {n} field(s)");
            }
            if (!InpKeywords.Is(t[0], "LINK")) throw Bad(line, $"a control starts with LINK, got '{t[0]}'", "LINK");
            var action = Action(line, 1, 2, "control");
            SimpleControl control;
            if (t[3].Equals("IF", StringComparison.OrdinalIgnoreCase))
            {
                if (n < 8) throw Bad(line, $"a level control reads LINK id setting IF NODE id ABOVE|BELOW value; got {n} field(s)");
                if (!InpKeywords.Is(t[4], "NODE")) throw Bad(line, $"expected NODE after IF, got '{t[4]}'", "NODE");
                string node = t[5];
                if (!_nodes.TryGetValue(node, out char kind)) throw Bad(line, $"control refers to unknown node '{node}'", "Node");
                var condition = InpKeywords.Is(t[6], "BELOW") ? ControlCondition.LowLevel
                    : InpKeywords.Is(t[6], "ABOVE") ? ControlCondition.HighLevel
                    : throw Bad(line, $"expected ABOVE or BELOW, got '{t[6]}'", "ABOVE/BELOW");
                // EPANET convertunits: a junction's value is a pressure, a tank's (or reservoir's) a level.
                double value = Number(line, 7, $"{(kind == 'J' ? "pressure" : "level")} of node {node}");
                control = new SimpleControl(action, condition, node, kind == 'J' ? PressureToSi(value) : LengthToSi(value));
            }
            else if (t[3].Equals("AT", StringComparison.OrdinalIgnoreCase))
            {
                var condition = InpKeywords.Is(t[4], "TIME") ? ControlCondition.Timer
                    : InpKeywords.Is(t[4], "CLOCKTIME") ? ControlCondition.TimeOfDay
                    : throw Bad(line, $"expected TIME or CLOCKTIME after AT, got '{t[4]}'", "TIME/CLOCKTIME");
                double hours = InpTime.Hours(t[5], n > 6 ? t[6] : "") is { } h && h >= 0 ? h
                    : throw Bad(line, $"expected a time ≥ 0 (hours or h:mm[:ss], optionally with units or AM/PM), got '{string.Join(' ', t.Skip(5))}'", t[4]);
                double seconds = InpTime.Seconds(hours);
                control = new SimpleControl(action, condition, Time: condition == ControlCondition.TimeOfDay ? seconds % 86400 : seconds);
            }
            else
            {
                throw Bad(line, $"expected IF or AT after the setting, got '{t[3]}'", "IF/AT");
            }
            _sourceLines.TryAdd("control:" + controls.Count, line.Number);
            controls.Add(control);
        });
        return controls;
    }

    /// <summary>
    /// What a control or rule does to link <c>Tokens[linkAt]</c> with the value <c>Tokens[valueAt]</c> (EPANET controldata,
    /// newaction): OPEN or CLOSED; a number is a pump's speed, a valve's setting in the file's units, or for a pipe
    /// CLOSED when 0 and OPEN otherwise. Check valves cannot be controlled; a GPV only opened or closed.
    /// </summary>
    private LinkAction Action(InpLine line, int linkAt, int valueAt, string owner)
    {
        string id = line.Tokens[linkAt];
        if (!_links.TryGetValue(id, out var kind)) throw Bad(line, $"{owner} refers to unknown link '{id}'", "Link");
        if (kind == LinkKind.CheckValvePipe) throw Bad(line, $"{owner} acts on check-valve pipe {id}, whose status cannot be controlled (EPANET error 207)", "Link");
        string value = line.Tokens[valueAt];
        if (InpKeywords.Is(value, "OPEN")) return new LinkAction(id, LinkStatus.Open, null);
        if (InpKeywords.Is(value, "CLOSED")) return new LinkAction(id, LinkStatus.Closed, null);
        if (InpKeywords.Is(value, "ACTIVE")) throw Bad(line, $"{owner}: ACTIVE is not a setting WdnAccel models for link {id}; give OPEN, CLOSED or a number", "Setting");
        // A valve whose own line was bad has no type; its error is reported already, so its settings pass unconverted.
        bool typed = _valveTypes.TryGetValue(id, out var valveType);
        if (typed && valveType == ValveType.GPV)
        {
            throw Bad(line, $"{owner}: valve {id} is a GPV, whose setting is its curve; it can only be made OPEN or CLOSED (EPANET error 207)", "Setting");
        }
        double setting = Number(line, valueAt, $"setting of link {id}");
        if (setting < 0) throw Bad(line, $"{owner}: setting of link {id} must be OPEN, CLOSED or a number ≥ 0, got {value} (EPANET error 211)", "Setting");
        return kind switch
        {
            LinkKind.Pipe => new LinkAction(id, setting == 0 ? LinkStatus.Closed : LinkStatus.Open, null),
            LinkKind.Pump => new LinkAction(id, null, setting),
            _ => new LinkAction(id, null, typed ? SettingToSi(valveType, setting) : setting),
        };
    }

    private sealed class RuleDraft(string id, int line)
    {
        public string Id { get; } = id;
        public int Line { get; } = line;
        public List<RulePremise> Premises { get; } = [];
        public List<LinkAction> Then { get; } = [];
        public List<LinkAction> Else { get; } = [];
        public double Priority { get; set; }
        /// <summary>The last clause read: RULE, IF, THEN, ELSE or PRIORITY; null after a bad line (the rest of the rule is skipped).</summary>
        public string? State { get; set; } = "RULE";
    }

    private List<RuleBasedControl> ReadRules()
    {
        var rules = new List<RuleBasedControl>();
        RuleDraft? rule = null;
        void Finish()
        {
            if (rule is null || rule.State is null) return;
            if (rule.Premises.Count == 0 || rule.Then.Count == 0)
            {
                Collect(new InvalidInputException($"rule {rule.Id} needs an IF clause and a THEN action", _file, rule.Line, "RULE"));
                return;
            }
            rules.Add(new RuleBasedControl(rule.Id, rule.Premises.ToArray(), rule.Then.ToArray(), rule.Else.ToArray(), rule.Priority));
        }
        foreach (var line in DataLines("RULES"))
        {
            string key = line.Tokens[0].ToUpperInvariant();
            try
            {
                if (key == "RULE")
                {
                    Finish();
                    rule = new RuleDraft(line.Tokens.ElementAtOrDefault(1) ?? "", line.Number);
                    if (line.Tokens.Count != 2) throw Bad(line, $"RULE needs exactly one label, got {line.Tokens.Count - 1}", "RULE");
                    _sourceLines.TryAdd("rule:" + rule.Id, line.Number);
                    continue;
                }
                if (rule is null) throw Bad(line, $"'{line.Tokens[0]}' comes before the first RULE label", line.Tokens[0]);
                if (rule.State is null) continue; // this rule already has a bad line; EPANET skips the rest of it too
                ReadRuleClause(line, key, rule);
            }
            catch (Exception e) when (e is InvalidInputException or OverflowException)
            {
                Collect(e as InvalidInputException ?? Bad(line, e.Message));
                if (rule is not null) rule.State = null;
            }
        }
        Finish();
        return rules;
    }

    private void ReadRuleClause(InpLine line, string key, RuleDraft rule)
    {
        string Misplaced(string what) => $"{what} cannot follow {rule.State} in rule {rule.Id}";
        switch (key)
        {
            case "IF":
                if (rule.State != "RULE") throw Bad(line, Misplaced("IF"), "IF");
                rule.Premises.Add(Premise(line, RuleLogic.If));
                rule.State = "IF";
                break;
            case "AND" when rule.State == "IF":
                rule.Premises.Add(Premise(line, RuleLogic.And));
                break;
            case "AND" when rule.State is "THEN" or "ELSE":
                (rule.State == "THEN" ? rule.Then : rule.Else).Add(RuleAction(line));
                break;
            case "OR" when rule.State == "IF":
                rule.Premises.Add(Premise(line, RuleLogic.Or));
                break;
            case "THEN" when rule.State == "IF":
                rule.Then.Add(RuleAction(line));
                rule.State = "THEN";
                break;
            case "ELSE" when rule.State == "THEN":
                rule.Else.Add(RuleAction(line));
                rule.State = "ELSE";
                break;
            case "AND" or "OR" or "THEN" or "ELSE":
                throw Bad(line, Misplaced(key), key);
            default:
                if (InpKeywords.Is(key, "PRIO"))
                {
                    if (rule.State is not ("THEN" or "ELSE")) throw Bad(line, Misplaced("PRIORITY"), "PRIORITY");
                    rule.Priority = Number(line, 1, $"priority of rule {rule.Id}");
                    rule.State = "PRIORITY";
                    break;
                }
                if (InpKeywords.Is(key, "DISABLED")) throw Bad(line, $"DISABLED rules (EPANET 2.3) are not supported (rule {rule.Id})", "DISABLED");
                throw Bad(line, $"expected RULE, IF, AND, OR, THEN, ELSE or PRIORITY, got '{line.Tokens[0]}'", line.Tokens[0]);
        }
    }

    private static readonly string[] RuleObjects = ["JUNC", "RESER", "TANK", "PIPE", "PUMP", "VALVE", "NODE", "LINK", "SYSTEM"];

    private static readonly (string Word, RuleVariable Variable)[] RuleVariables =
    [
        ("DEMAND", RuleVariable.Demand), ("HEAD", RuleVariable.Head), ("GRADE", RuleVariable.Grade), ("LEVEL", RuleVariable.Level),
        ("PRESSURE", RuleVariable.Pressure), ("FLOW", RuleVariable.Flow), ("STATUS", RuleVariable.Status), ("SETTING", RuleVariable.Setting),
        ("POWER", RuleVariable.Power), ("TIME", RuleVariable.Time), ("CLOCKTIME", RuleVariable.ClockTime), ("FILLTIME", RuleVariable.FillTime),
        ("DRAINTIME", RuleVariable.DrainTime),
    ];

    private static readonly (string Word, RuleOperator Operator)[] RuleOperators =
    [
        ("=", RuleOperator.Equal), ("<>", RuleOperator.NotEqual), ("<=", RuleOperator.LessOrEqual), (">=", RuleOperator.GreaterOrEqual),
        ("<", RuleOperator.Less), (">", RuleOperator.Greater), ("IS", RuleOperator.Equal), ("NOT", RuleOperator.NotEqual),
        ("BELOW", RuleOperator.Less), ("ABOVE", RuleOperator.Greater),
    ];

    /// <summary>
    /// <c>IF|AND|OR object id variable operator value</c> or <c>IF|AND|OR SYSTEM variable operator value [units]</c>, its
    /// value in SI (EPANET newpremise; the units are those of [OPTIONS], times in seconds, fill and drain times in hours).
    /// </summary>
    private RulePremise Premise(InpLine line, RuleLogic logic)
    {
        var t = line.Tokens;
        int n = t.Count;
        if (n is not (5 or 6)) throw Bad(line, $"a premise reads {t[0]} object id variable operator value (or {t[0]} SYSTEM variable operator value); got {n} field(s)");
        int o = InpKeywords.Find(t[1], RuleObjects);
        if (o < 0) throw Bad(line, $"unknown rule object '{t[1]}'; expected NODE, JUNCTION, RESERVOIR, TANK, LINK, PIPE, PUMP, VALVE or SYSTEM", "Object");
        var obj = o == 8 ? RuleObject.System : o is 0 or 1 or 2 or 6 ? RuleObject.Node : RuleObject.Link;
        string? id = obj == RuleObject.System ? null : t[2];
        int at = obj == RuleObject.System ? 2 : 3;
        var variable = Variable(line, t[at]);
        string where = id is null ? "SYSTEM" : $"{t[1]} {id}";
        char nodeKind = 'J';
        if (obj == RuleObject.System)
        {
            if (variable is not (RuleVariable.Demand or RuleVariable.Time or RuleVariable.ClockTime))
                throw Bad(line, $"SYSTEM has DEMAND, TIME or CLOCKTIME, not {t[at]}", "Variable");
        }
        else if (obj == RuleObject.Node)
        {
            if (!_nodes.TryGetValue(id!, out nodeKind)) throw Bad(line, $"rule premise refers to unknown node '{id}'", "Node");
            if (variable is not (RuleVariable.Demand or RuleVariable.Head or RuleVariable.Grade or RuleVariable.Level or RuleVariable.Pressure
                or RuleVariable.FillTime or RuleVariable.DrainTime))
                throw Bad(line, $"a node has DEMAND, HEAD, GRADE, LEVEL, PRESSURE, FILLTIME or DRAINTIME, not {t[at]}", "Variable");
            if (variable is RuleVariable.FillTime or RuleVariable.DrainTime && nodeKind == 'J')
                throw Bad(line, $"{t[at]} applies to tanks; {id} is a junction", "Variable");
        }
        else
        {
            if (!_links.ContainsKey(id!)) throw Bad(line, $"rule premise refers to unknown link '{id}'", "Link");
            if (variable is not (RuleVariable.Flow or RuleVariable.Status or RuleVariable.Setting))
                throw Bad(line, $"a link has FLOW, STATUS or SETTING, not {t[at]}", "Variable");
        }
        int op = Array.FindIndex(RuleOperators, r => r.Word.Equals(t[at + 1], StringComparison.OrdinalIgnoreCase));
        if (op < 0) throw Bad(line, $"unknown operator '{t[at + 1]}'; expected =, <>, <, >, <=, >=, IS, NOT, BELOW or ABOVE", "Operator");
        var relation = RuleOperators[op].Operator;
        if (variable is RuleVariable.Time or RuleVariable.ClockTime)
        {
            double hours = InpTime.Hours(t[at + 2], n > at + 3 ? t[at + 3] : "") is { } h && h >= 0 ? h
                : throw Bad(line, $"expected a time ≥ 0 for {t[at]} (hours or h:mm[:ss], optionally with units or AM/PM), got '{string.Join(' ', t.Skip(at + 2))}'", t[at]);
            return new RulePremise(logic, obj, id, variable, relation, InpTime.Seconds(hours));
        }
        if (n != at + 3) throw Bad(line, $"a premise on {where} {t[at]} has one value after the operator; got {n - at - 2}");
        string value = t[^1];
        if (variable == RuleVariable.Status)
        {
            var (status, active) = InpKeywords.Is(value, "OPEN") ? (LinkStatus.Open, false)
                : InpKeywords.Is(value, "CLOSED") ? (LinkStatus.Closed, false)
                : InpKeywords.Is(value, "ACTIVE") ? ((LinkStatus?)null, true)
                : throw Bad(line, $"a STATUS is OPEN, CLOSED or ACTIVE, got '{value}'", "Value");
            if (relation is not (RuleOperator.Equal or RuleOperator.NotEqual)) throw Bad(line, $"a STATUS compares with IS or NOT, not {t[at + 1]}", "Operator");
            return new RulePremise(logic, obj, id, variable, relation, 0, status, active);
        }
        double x = Number(line, n - 1, $"value of {where} {t[at]}");
        double si = variable switch
        {
            RuleVariable.Demand or RuleVariable.Flow => FlowToSi(x),
            RuleVariable.Head or RuleVariable.Grade or RuleVariable.Level => LengthToSi(x),
            RuleVariable.Pressure => PressureToSi(x),
            RuleVariable.FillTime or RuleVariable.DrainTime => Si(InpConversion.Scale(3600.0), x),
            RuleVariable.Setting when _valveTypes.TryGetValue(id!, out var type) => SettingToSi(type, x),
            _ => x,
        };
        return new RulePremise(logic, obj, id, variable, relation, si);
    }

    private RuleVariable Variable(InpLine line, string token)
    {
        foreach (var (word, variable) in RuleVariables)
        {
            if (InpKeywords.Is(token, word)) return variable;
        }
        throw Bad(line, $"unknown rule variable '{token}'; expected DEMAND, HEAD, GRADE, LEVEL, PRESSURE, FLOW, STATUS, SETTING, TIME, CLOCKTIME, FILLTIME or DRAINTIME", "Variable");
    }

    /// <summary><c>THEN|ELSE|AND LINK id STATUS|SETTING IS|= value</c> (EPANET newaction).</summary>
    private LinkAction RuleAction(InpLine line)
    {
        var t = line.Tokens;
        if (t.Count != 6) throw Bad(line, $"an action reads {t[0]} LINK id STATUS|SETTING IS value; got {t.Count} field(s)");
        int o = InpKeywords.Find(t[1], RuleObjects);
        if (o is not (3 or 4 or 5 or 7)) throw Bad(line, $"an action acts on a LINK, PIPE, PUMP or VALVE, not '{t[1]}'", "Object");
        if (!InpKeywords.Is(t[3], "STATUS") && !InpKeywords.Is(t[3], "SETTING")) throw Bad(line, $"an action sets STATUS or SETTING, not '{t[3]}'", "Variable");
        // EPANET's newaction reads the value only (it never looks at this token): "SETTING = 0.9" is read as "SETTING IS 0.9".
        if (!t[4].Equals("IS", StringComparison.OrdinalIgnoreCase) && t[4] != "=") throw Bad(line, $"expected IS (or =), got '{t[4]}'", "Operator");
        return Action(line, 2, 5, "rule action");
    }
}
