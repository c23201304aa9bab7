using System.Globalization;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET .inp import into the SI model, following EPANET 2.2's input rules (src/input2.c, input3.c, rules.c):
/// sections in any order ([OPTIONS] is read first, so units apply everywhere), [DEMANDS] replaces a junction's
/// [JUNCTIONS] demand, a [TANKS] line of at most three fields is a reservoir, flows, pressures and the other quantities
/// convert with EPANET's own factors (<see cref="InpUnits"/>), times are read as EPANET reads them (<see cref="InpTime"/>).
/// Every section of an extended-period run is read into the model: valves, emitters, controls, rules, times, energy,
/// quality, sources, reactions and mixing. [LEAKAGE] (EPANET 2.3) is an error naming it, or with
/// <c>ignoreUnsupported</c> a warning saying what was dropped; sections with nothing the model holds ([REPORT], [TAGS],
/// [LABELS], [BACKDROP], unknown ones with a warning) and unmodelled [OPTIONS] and [TIMES] lines are carried verbatim.
/// Every bad line is reported, with its line and field, in one <see cref="InvalidInputException"/>.
/// </summary>
public sealed partial class InpReader
{
    private static readonly HashSet<string> Modelled =
    [
        "TITLE", "JUNCTIONS", "RESERVOIRS", "TANKS", "PIPES", "PUMPS", "VALVES", "CURVES", "DEMANDS", "PATTERNS", "OPTIONS",
        "COORDINATES", "VERTICES", "STATUS", "EMITTERS", "CONTROLS", "RULES", "TIMES", "ENERGY", "QUALITY", "SOURCES",
        "REACTIONS", "MIXING", "END",
    ];

    /// <summary>EPANET sections with nothing the model holds (report options, map labels, tags): kept verbatim.</summary>
    public static readonly IReadOnlyList<string> CarriedSections = ["TAGS", "REPORT", "LABELS", "BACKDROP"];

    private static readonly Dictionary<string, string> Unsupported = new()
    {
        ["LEAKAGE"] = "pipe leakage (EPANET 2.3)",
    };

    private enum LinkKind
    {
        Pipe,
        CheckValvePipe,
        Pump,
        Valve,
    }

    private readonly string _file;
    private readonly bool _ignoreUnsupported;
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, int> _sourceLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InpLine>> _sections = new(StringComparer.Ordinal);
    private readonly List<string> _sectionOrder = [];
    private readonly HashSet<string> _unknownSections = new(StringComparer.Ordinal);
    private readonly List<InvalidInputException> _errors = [];

    /// <summary>Node id → 'J' (junction), 'R' (reservoir) or 'T' (tank).</summary>
    private readonly Dictionary<string, char> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkKind> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValveType> _valveTypes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _patternIds = new(StringComparer.Ordinal);
    private HashSet<string> _curveIds = new(StringComparer.Ordinal);

    private HydraulicOptions _options = new();
    private InpUnits _units = new(new HydraulicOptions(), pressureInKpa: false);
    private bool _sawEnd;

    private InpReader(string file, bool ignoreUnsupported)
    {
        _file = file;
        _ignoreUnsupported = ignoreUnsupported;
    }

    /// <summary>Reads an .inp file from disk.</summary>
    public static InpReadResult ReadFile(string path, bool ignoreUnsupported = false)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return Read(bytes, path, ignoreUnsupported);
    }

    /// <summary>Reads .inp bytes; <paramref name="fileName"/> is used in messages only.</summary>
    public static InpReadResult Read(ReadOnlySpan<byte> bytes, string fileName, bool ignoreUnsupported = false)
    {
        string text = InpText.Decode(bytes, out bool latin1);
        var result = ReadText(text, fileName, ignoreUnsupported);
        if (!latin1) return result;
        // Not silent: a file that is not UTF-8 is most likely an old Windows file, but ids may then read differently.
        return result with
        {
            Warnings = [$"{fileName}: not UTF-8; read as Latin-1 (an old Windows file?): check non-ASCII ids and names", .. result.Warnings],
        };
    }

    /// <summary>Reads .inp text; <paramref name="fileName"/> is used in messages only.</summary>
    public static InpReadResult ReadText(string text, string fileName, bool ignoreUnsupported = false) =>
        new InpReader(fileName, ignoreUnsupported).Parse(text);

    private InpReadResult Parse(string text)
    {
        Collect(text);
        ReadOptions();
        var patterns = ReadPatterns();
        var curveLines = ReadCurveLines();
        _curveIds = curveLines.Keys.ToHashSet(StringComparer.Ordinal);
        var junctions = ReadJunctions();
        var (reservoirs, tanks) = ReadFixedHeadNodes();
        var pipes = ReadPipes();
        var pumps = ReadPumps();
        var valves = ReadValves();
        ApplyDemands(junctions);
        ApplyStatus(pipes, pumps, valves);
        ApplyEmitters(junctions);
        ApplyCoordinates(junctions, reservoirs, tanks);
        ApplyVertices(pipes, pumps, valves);
        var times = ReadTimes();
        var energy = ReadEnergy(pumps);
        var controls = ReadControls();
        var rules = ReadRules();
        var quality = ReadQuality();
        var sources = ReadSources();
        var reactions = ReadReactions();
        ApplyMixing(tanks);
        ThrowCollected(); // the later checks would only repeat what the bad lines caused
        var curves = BuildCurves(curveLines, pumps, tanks, valves);
        CheckReferences(patterns, curves, junctions, reservoirs, pumps, tanks);

        var network = new Network
        {
            Title = string.Join("\n", Lines("TITLE").Select(l => l.Raw.Trim()).Where(l => l.Length > 0)),
            Junctions = junctions.ToArray(),
            Reservoirs = reservoirs,
            Tanks = tanks,
            Pipes = pipes.ToArray(),
            Pumps = pumps.ToArray(),
            Valves = valves.ToArray(),
            Curves = curves,
            Patterns = patterns,
            Options = _options,
            Times = times,
            Controls = controls,
            Rules = rules,
            Energy = energy,
            Quality = quality,
            Reactions = reactions,
            Sources = sources,
            ExtraSections = CarriedExtras(),
        };
        var scenario = new Scenario { Name = Path.GetFileNameWithoutExtension(_file), Network = network };
        // EPANET itself reads to the end of the file without [END]; a file cut short loads as a smaller network, so say so.
        if (!_sawEnd) _warnings.Add($"{_file}: no [END] line; if the file was cut short, the network is incomplete");
        return new InpReadResult(scenario, _warnings, _sourceLines);
    }

    // ---- problems --------------------------------------------------------------------------------

    /// <summary>Records a bad line's problem so reading goes on; <see cref="ThrowCollected"/> reports them all.</summary>
    private bool Collect(InvalidInputException e)
    {
        _errors.Add(e);
        return true;
    }

    /// <summary>Throws every problem found so far, in line order, as one exception (see <see cref="InvalidInputException.All"/>).</summary>
    private void ThrowCollected()
    {
        if (_errors.Count > 0) throw InvalidInputException.Several(_errors.OrderBy(e => e.Line ?? int.MaxValue).ToList());
    }

    private InvalidInputException Bad(InpLine line, string problem, string? field = null) => new(problem, _file, line.Number, field);

    /// <summary>Reads each data line of <paramref name="section"/>; a bad line is recorded and the next one read, so one run reports every bad line.</summary>
    private void EachLine(string section, Action<InpLine> read)
    {
        foreach (var line in DataLines(section))
        {
            try
            {
                read(line);
            }
            catch (InvalidInputException e) when (Collect(e))
            {
                // recorded
            }
            catch (OverflowException e)
            {
                Collect(Bad(line, e.Message));
            }
        }
    }

    /// <summary>A file value in SI; one that converts beyond a double (a huge pressure in psi, say) is a problem, not ∞ in the model.</summary>
    private static double Si(InpConversion conversion, double value)
    {
        double si = conversion.ToSi(value);
        return double.IsFinite(si) ? si
            : throw new OverflowException($"{value.ToString("R", CultureInfo.InvariantCulture)} is beyond what a number holds once converted to SI units");
    }

    // ---- pass 1: split into sections -------------------------------------------------------------

    private void Collect(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("empty file: expected an EPANET input file with [JUNCTIONS], [PIPES], ... sections", _file);
        }
        string? current = null;
        var lines = InpText.SplitLines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string raw = lines[i];
            string trimmed = raw.Trim().Trim('\0');
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith('['))
            {
                int close = trimmed.IndexOf(']');
                if (close < 0)
                {
                    throw new InvalidInputException($"section header '{trimmed}' has no closing ']'", _file, number);
                }
                current = trimmed[1..close].Trim().ToUpperInvariant();
                if (current == "END")
                {
                    _sawEnd = true;
                    break;
                }
                if (!_sections.ContainsKey(current))
                {
                    _sections[current] = [];
                    _sectionOrder.Add(current);
                }
                if (!Modelled.Contains(current) && !CarriedSections.Contains(current) && !Unsupported.ContainsKey(current))
                {
                    _unknownSections.Add(current);
                }
                continue;
            }
            var (tokens, comment) = InpText.Tokenize(raw);
            if (current is null)
            {
                if (tokens.Count == 0) continue; // comments before the first section
                throw new InvalidInputException($"data before the first [SECTION] header: '{trimmed}'", _file, number);
            }
            // Comment-only lines matter in [CURVES] (EPANET writes ";PUMP:" before pump curves) and in carried sections.
            if (tokens.Count == 0 && current != "CURVES" && !IsCarried(current) && current != "TITLE") continue;
            _sections[current].Add(new InpLine(number, tokens, comment, raw.TrimEnd()));
        }

        foreach (var name in _sectionOrder)
        {
            var data = _sections[name].Where(l => l.Tokens.Count > 0).ToList();
            if (data.Count == 0) continue; // an empty header is harmless
            if (_unknownSections.Contains(name))
            {
                _warnings.Add($"{_file}, line {data[0].Number}: section [{name}] is not one WdnAccel reads; its {data.Count} data line(s) are kept verbatim for export");
                continue;
            }
            if (!Unsupported.TryGetValue(name, out var what)) continue;
            if (!_ignoreUnsupported)
            {
                throw new InvalidInputException(
                    $"section [{name}] ({what}) is not supported by WdnAccel; remove it, or pass --ignore-unsupported to drop it with a warning",
                    _file, data[0].Number);
            }
            _warnings.Add($"{_file}: dropped section [{name}] ({what}): {data.Count} data line(s), lines {data[0].Number}-{data[^1].Number}");
        }
    }

    private bool IsCarried(string section) => CarriedSections.Contains(section) || _unknownSections.Contains(section);

    private IReadOnlyList<InpLine> Lines(string section) =>
        _sections.TryGetValue(section, out var lines) ? lines : [];

    private IEnumerable<InpLine> DataLines(string section) => Lines(section).Where(l => l.Tokens.Count > 0);

    /// <summary>Unmodelled lines of sections the model reads otherwise ([OPTIONS], [TIMES]), kept for export.</summary>
    private readonly Dictionary<string, List<string>> _unmodelledLines = new(StringComparer.Ordinal);

    private void KeepUnmodelled(string section, InpLine line)
    {
        if (!_unmodelledLines.TryGetValue(section, out var list)) _unmodelledLines[section] = list = [];
        list.Add(line.Raw.Trim());
    }

    private IReadOnlyList<InpSection> CarriedExtras()
    {
        var extras = new List<InpSection>();
        foreach (var name in _sectionOrder)
        {
            if (!IsCarried(name)) continue;
            var lines = _sections[name];
            if (lines.All(l => l.Tokens.Count == 0)) continue;
            extras.Add(new InpSection(name, lines.Select(l => l.Raw.Trim()).ToArray()));
        }
        foreach (var (name, lines) in _unmodelledLines) extras.Add(new InpSection(name, lines.ToArray()));
        return extras;
    }

    // ---- numbers ---------------------------------------------------------------------------------

    private string Token(InpLine line, int index, string field) =>
        index < line.Tokens.Count ? line.Tokens[index]
            : throw Bad(line, $"missing value: expected {field}", field);

    private double Number(InpLine line, int index, string field)
    {
        if (index >= line.Tokens.Count)
        {
            throw new InvalidInputException($"missing value: expected a number for {field}", _file, line.Number, field);
        }
        string token = line.Tokens[index];
        if (!TryNumber(token, out double value))
        {
            throw new InvalidInputException($"expected a finite number for {field}, got '{token}'", _file, line.Number, field);
        }
        return value;
    }

    private static bool TryNumber(string token, out double value) =>
        double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private double Positive(InpLine line, int index, string field)
    {
        double value = Number(line, index, field);
        if (value <= 0)
        {
            throw new InvalidInputException($"expected a positive number for {field}, got {line.Tokens[index]}", _file, line.Number, field);
        }
        return value;
    }

    private double NonNegative(InpLine line, int index, string field)
    {
        double value = Number(line, index, field);
        if (value < 0)
        {
            throw new InvalidInputException($"expected a number ≥ 0 for {field}, got {line.Tokens[index]}", _file, line.Number, field);
        }
        return value;
    }

    /// <summary>A whole number ≥ <paramref name="min"/> (EPANET keeps these options as integers).</summary>
    private int Whole(InpLine line, int index, string field, int min)
    {
        double value = Number(line, index, field);
        if (value != Math.Floor(value) || value < min)
            throw Bad(line, $"expected a whole number ≥ {min} for {field}, got {line.Tokens[index]}", field);
        return (int)Math.Min(value, int.MaxValue);
    }

    private double LengthToSi(double v) => Si(_units.Length, v);
    private double FlowToSi(double v) => Si(_units.Flow, v);
    private double PressureToSi(double v) => Si(_units.Pressure, v);

    // ---- sections --------------------------------------------------------------------------------

    private IReadOnlyList<Pattern> ReadPatterns()
    {
        var order = new List<string>();
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        EachLine("PATTERNS", line =>
        {
            string id = line.Tokens[0];
            if (!values.TryGetValue(id, out var list))
            {
                values[id] = list = [];
                order.Add(id);
            }
            for (int i = 1; i < line.Tokens.Count; i++) list.Add(Number(line, i, $"multiplier {i} of pattern {id}"));
        });
        var patterns = order.Select(id => new Pattern(id, values[id].ToArray())).ToArray();
        foreach (var p in patterns) _patternIds.Add(p.Id);
        return patterns;
    }

    private Dictionary<string, (int Line, string? Kind, List<(double X, double Y)> Points)> ReadCurveLines()
    {
        var curves = new Dictionary<string, (int, string?, List<(double, double)>)>(StringComparer.Ordinal);
        string? pendingKind = null;
        foreach (var line in Lines("CURVES"))
        {
            try
            {
                if (line.Tokens.Count == 0)
                {
                    // EPANET's GUI writes ";PUMP: ...", ";EFFICIENCY: ...", ";VOLUME: ...", ";HEADLOSS: ..." before a curve.
                    string c = (line.Comment ?? "").ToUpperInvariant();
                    pendingKind = new[] { "PUMP", "EFFICIENCY", "VOLUME", "HEADLOSS" }.FirstOrDefault(k => c.StartsWith(k + ":", StringComparison.Ordinal)) ?? pendingKind;
                    continue;
                }
                string id = line.Tokens[0];
                if (!curves.TryGetValue(id, out var curve))
                {
                    curves[id] = curve = (line.Number, pendingKind, new List<(double, double)>());
                }
                pendingKind = null;
                curve.Item3.Add((Number(line, 1, $"x value of curve {id}"), Number(line, 2, $"y value of curve {id}")));
            }
            catch (InvalidInputException e) when (Collect(e))
            {
                // recorded; the next line is read, so that one run reports every bad line
            }
        }
        return curves;
    }

    private List<Junction> ReadJunctions()
    {
        var junctions = new List<Junction>();
        EachLine("JUNCTIONS", line =>
        {
            string id = AddNode(line, 'J');
            double elevation = Number(line, 1, $"elevation of junction {id}");
            double demand = line.Tokens.Count > 2 ? Number(line, 2, $"demand of junction {id}") : 0.0;
            string? pattern = line.Tokens.Count > 3 ? line.Tokens[3] : null;
            junctions.Add(new Junction(id, LengthToSi(elevation), [new DemandComponent(FlowToSi(demand), pattern)]));
        });
        return junctions;
    }

    private (Reservoir[] Reservoirs, Tank[] Tanks) ReadFixedHeadNodes()
    {
        var reservoirs = new List<Reservoir>();
        var tanks = new List<Tank>();
        EachLine("RESERVOIRS", line =>
        {
            string id = AddNode(line, 'R');
            double head = Number(line, 1, $"head of reservoir {id}");
            reservoirs.Add(new Reservoir(id, LengthToSi(head), line.Tokens.Count > 2 ? line.Tokens[2] : null));
        });
        EachLine("TANKS", line =>
        {
            int n = line.Tokens.Count;
            if (n <= 3)
            {
                // EPANET input3.c: "Tank is reservoir" when a [TANKS] line has at most 3 fields.
                string rid = AddNode(line, 'R');
                double head = Number(line, 1, $"elevation of tank {rid}");
                reservoirs.Add(new Reservoir(rid, LengthToSi(head), n == 3 ? line.Tokens[2] : null));
                _warnings.Add($"{_file}, line {line.Number}: tank {rid} has only {n - 1} value(s); treated as a fixed-head reservoir at its elevation, as EPANET does");
                return;
            }
            if (n < 6)
            {
                throw new InvalidInputException(
                    $"tank {line.Tokens[0]} needs Elevation InitLevel MinLevel MaxLevel Diameter [MinVol VolCurve], got {n - 1} value(s)",
                    _file, line.Number);
            }
            string id = AddNode(line, 'T');
            double elevation = Number(line, 1, $"elevation of tank {id}");
            double init = Number(line, 2, $"initial level of tank {id}");
            double min = Number(line, 3, $"minimum level of tank {id}");
            double max = Number(line, 4, $"maximum level of tank {id}");
            double diameter = NonNegative(line, 5, $"diameter of tank {id}");
            double minVol = n > 6 ? NonNegative(line, 6, $"minimum volume of tank {id}") : 0;
            string? curve = n > 7 && line.Tokens[7] != "*" ? line.Tokens[7] : null;
            bool overflow = n > 8 && line.Tokens[8].Equals("YES", StringComparison.OrdinalIgnoreCase);
            if (init < min || init > max)
            {
                throw new InvalidInputException($"initial level {line.Tokens[2]} of tank {id} is outside [{line.Tokens[3]}, {line.Tokens[4]}]", _file, line.Number);
            }
            tanks.Add(new Tank(id, LengthToSi(elevation), LengthToSi(init), LengthToSi(min), LengthToSi(max), LengthToSi(diameter),
                _units.Volume.ToSi(minVol), curve, overflow));
        });
        return (reservoirs.ToArray(), tanks.ToArray());
    }

    private string AddNode(InpLine line, char kind)
    {
        string id = line.Tokens[0];
        if (!_nodes.TryAdd(id, kind))
        {
            throw new InvalidInputException($"duplicate node id '{id}' (first defined on line {_sourceLines["node:" + id]})", _file, line.Number);
        }
        _sourceLines["node:" + id] = line.Number;
        return id;
    }

    private string AddLink(InpLine line, LinkKind kind, out string node1, out string node2)
    {
        string id = line.Tokens[0];
        if (!_links.TryAdd(id, kind))
        {
            throw new InvalidInputException($"duplicate link id '{id}' (first defined on line {_sourceLines["link:" + id]})", _file, line.Number);
        }
        _sourceLines["link:" + id] = line.Number;
        if (line.Tokens.Count < 3)
        {
            throw new InvalidInputException($"link {id} needs two end nodes", _file, line.Number);
        }
        node1 = line.Tokens[1];
        node2 = line.Tokens[2];
        foreach (var (node, field) in new[] { (node1, "Node1"), (node2, "Node2") })
        {
            if (!_nodes.ContainsKey(node))
            {
                throw new InvalidInputException($"link {id} refers to unknown node '{node}'", _file, line.Number, field);
            }
        }
        if (node1 == node2)
        {
            throw new InvalidInputException($"link {id} connects node '{node1}' to itself", _file, line.Number);
        }
        return id;
    }

    private List<Pipe> ReadPipes()
    {
        var pipes = new List<Pipe>();
        EachLine("PIPES", line =>
        {
            string id = AddLink(line, LinkKind.Pipe, out var n1, out var n2);
            if (line.Tokens.Count < 6)
            {
                throw new InvalidInputException($"pipe {id} needs Node1 Node2 Length Diameter Roughness [MinorLoss Status], got {line.Tokens.Count - 1} value(s)", _file, line.Number);
            }
            double length = Positive(line, 3, $"length of pipe {id}");
            double diameter = Positive(line, 4, $"diameter of pipe {id}");
            double roughness = Positive(line, 5, $"roughness of pipe {id}");
            double minor = line.Tokens.Count > 6 ? NonNegative(line, 6, $"minor loss of pipe {id}") : 0;
            var status = LinkStatus.Open;
            if (line.Tokens.Count > 7)
            {
                status = line.Tokens[7].ToUpperInvariant() switch
                {
                    "OPEN" => LinkStatus.Open,
                    "CLOSED" => LinkStatus.Closed,
                    "CV" => LinkStatus.CheckValve,
                    _ => throw new InvalidInputException($"status of pipe {id}: expected OPEN, CLOSED or CV, got '{line.Tokens[7]}'", _file, line.Number, "Status"),
                };
            }
            if (status == LinkStatus.CheckValve) _links[id] = LinkKind.CheckValvePipe;
            pipes.Add(new Pipe(id, n1, n2, LengthToSi(length), _units.Diameter.ToSi(diameter), _units.Roughness.ToSi(roughness), minor, status));
        });
        return pipes;
    }

    private List<Pump> ReadPumps()
    {
        var pumps = new List<Pump>();
        EachLine("PUMPS", line =>
        {
            string id = AddLink(line, LinkKind.Pump, out var n1, out var n2);
            string? curve = null, pattern = null;
            double? power = null;
            double speed = 1.0;
            int i = 3;
            if (line.Tokens.Count == 4 && TryNumber(line.Tokens[3], out _))
            {
                // Pre-2.0 files (GoYang) give a bare power rating with no keyword.
                power = _units.Power.ToSi(Positive(line, 3, $"power of pump {id}"));
                _warnings.Add($"{_file}, line {line.Number}: pump {id} gives a bare number; read as POWER {line.Tokens[3]} ({(_units.UsCustomary ? "hp" : "kW")})");
                i = 4;
            }
            for (; i < line.Tokens.Count; i += 2)
            {
                string keyword = line.Tokens[i].ToUpperInvariant();
                if (i + 1 >= line.Tokens.Count)
                {
                    throw new InvalidInputException($"pump {id}: keyword {keyword} has no value", _file, line.Number);
                }
                switch (keyword)
                {
                    case "HEAD": curve = line.Tokens[i + 1]; break;
                    case "POWER": power = _units.Power.ToSi(Positive(line, i + 1, $"power of pump {id}")); break;
                    case "SPEED": speed = NonNegative(line, i + 1, $"speed of pump {id}"); break;
                    case "PATTERN": pattern = line.Tokens[i + 1]; break;
                    default:
                        throw new InvalidInputException($"pump {id}: unknown keyword '{line.Tokens[i]}'; expected HEAD, POWER, SPEED or PATTERN", _file, line.Number);
                }
            }
            if (curve is null && power is null)
            {
                throw new InvalidInputException($"pump {id} needs HEAD curve or POWER value", _file, line.Number);
            }
            pumps.Add(new Pump(id, n1, n2, curve, power, speed, pattern));
        });
        return pumps;
    }

    private void ApplyDemands(List<Junction> junctions)
    {
        var index = Index(junctions, j => j.Id);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        EachLine("DEMANDS", line =>
        {
            string id = line.Tokens[0];
            if (!index.TryGetValue(id, out int i))
            {
                throw new InvalidInputException($"demand for unknown junction '{id}'", _file, line.Number);
            }
            var demand = new DemandComponent(
                FlowToSi(Number(line, 1, $"demand of junction {id}")),
                line.Tokens.Count > 2 ? line.Tokens[2] : null,
                string.IsNullOrEmpty(line.Comment) ? null : line.Comment);
            // EPANET 2.2: the first [DEMANDS] entry of a junction replaces its [JUNCTIONS] demand.
            var list = replaced.Add(id) ? new List<DemandComponent>() : junctions[i].Demands.ToList();
            list.Add(demand);
            junctions[i] = junctions[i] with { Demands = list.ToArray() };
        });
    }

    private static Dictionary<string, int> Index<T>(IReadOnlyList<T> items, Func<T, string> id)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++) index.TryAdd(id(items[i]), i);
        return index;
    }

    private void ApplyStatus(List<Pipe> pipes, List<Pump> pumps, List<Valve> valves)
    {
        var pipeIndex = Index(pipes, p => p.Id);
        var pumpIndex = Index(pumps, p => p.Id);
        var valveIndex = Index(valves, v => v.Id);
        EachLine("STATUS", line =>
        {
            string id = line.Tokens[0];
            if (line.Tokens.Count < 2) throw new InvalidInputException($"status line for link {id} has no value", _file, line.Number);
            string value = line.Tokens[1].ToUpperInvariant();
            if (pipeIndex.TryGetValue(id, out int p))
            {
                if (pipes[p].Status == LinkStatus.CheckValve)
                {
                    _warnings.Add($"{_file}, line {line.Number}: status of check-valve pipe {id} cannot be set; kept as CV (EPANET ignores it too)");
                    return;
                }
                pipes[p] = pipes[p] with
                {
                    Status = value switch
                    {
                        "OPEN" => LinkStatus.Open,
                        "CLOSED" => LinkStatus.Closed,
                        _ => throw new InvalidInputException($"status of pipe {id}: expected OPEN or CLOSED, got '{line.Tokens[1]}'", _file, line.Number),
                    },
                };
                return;
            }
            if (valveIndex.TryGetValue(id, out int v))
            {
                valves[v] = ValveStatus(line, valves[v], value);
                return;
            }
            if (!pumpIndex.TryGetValue(id, out int u)) throw new InvalidInputException($"status for unknown link '{id}'", _file, line.Number);
            // EPANET 2.2 input3.c changestatus: OPEN also sets the pump's speed to 1 (a SPEED given in [PUMPS] no longer
            // applies); CLOSED keeps it; a number is the speed, 0 closing the pump.
            pumps[u] = value switch
            {
                "OPEN" => pumps[u] with { Status = LinkStatus.Open, Speed = 1.0 },
                "CLOSED" => pumps[u] with { Status = LinkStatus.Closed },
                _ => Number(line, 1, $"speed setting of pump {id}") is var s && s < 0
                    ? throw new InvalidInputException($"speed setting of pump {id} must be ≥ 0", _file, line.Number)
                    : pumps[u] with { Speed = s, Status = s == 0 ? LinkStatus.Closed : LinkStatus.Open },
            };
        });
    }

    /// <summary>[STATUS] of a valve (EPANET changestatus): OPEN or CLOSED fixes it, a number is its new setting, ACTIVE lets it act on its setting.</summary>
    private Valve ValveStatus(InpLine line, Valve valve, string value)
    {
        switch (value)
        {
            case "OPEN": return valve with { FixedStatus = LinkStatus.Open };
            case "CLOSED": return valve with { FixedStatus = LinkStatus.Closed };
            case "ACTIVE": return valve with { FixedStatus = null };
        }
        string field = $"setting of valve {valve.Id}";
        if (valve.Type == ValveType.GPV)
        {
            throw Bad(line, $"valve {valve.Id} is a GPV: its setting is its head-loss curve; [STATUS] can only make it OPEN or CLOSED (EPANET error 207)", field);
        }
        double setting = NonNegative(line, 1, field);
        return valve with { Setting = SettingToSi(valve.Type, setting), FixedStatus = null };
    }

    private void ApplyCoordinates(List<Junction> junctions, Reservoir[] reservoirs, Tank[] tanks)
    {
        var coordinates = new Dictionary<string, Point2>(StringComparer.Ordinal);
        EachLine("COORDINATES", line =>
        {
            string id = line.Tokens[0];
            if (!_sourceLines.ContainsKey("node:" + id))
            {
                _warnings.Add($"{_file}, line {line.Number}: coordinates for unknown node '{id}' ignored");
                return;
            }
            coordinates[id] = new Point2(Number(line, 1, $"x of node {id}"), Number(line, 2, $"y of node {id}"));
        });
        for (int i = 0; i < junctions.Count; i++)
            if (coordinates.TryGetValue(junctions[i].Id, out var c)) junctions[i] = junctions[i] with { Coordinates = c };
        for (int i = 0; i < reservoirs.Length; i++)
            if (coordinates.TryGetValue(reservoirs[i].Id, out var c)) reservoirs[i] = reservoirs[i] with { Coordinates = c };
        for (int i = 0; i < tanks.Length; i++)
            if (coordinates.TryGetValue(tanks[i].Id, out var c)) tanks[i] = tanks[i] with { Coordinates = c };
    }

    private void ApplyVertices(List<Pipe> pipes, List<Pump> pumps, List<Valve> valves)
    {
        var vertices = new Dictionary<string, List<Point2>>(StringComparer.Ordinal);
        EachLine("VERTICES", line =>
        {
            string id = line.Tokens[0];
            if (!_sourceLines.ContainsKey("link:" + id))
            {
                _warnings.Add($"{_file}, line {line.Number}: vertex of unknown link '{id}' ignored");
                return;
            }
            if (!vertices.TryGetValue(id, out var list)) vertices[id] = list = [];
            list.Add(new Point2(Number(line, 1, $"x of vertex of link {id}"), Number(line, 2, $"y of vertex of link {id}")));
        });
        for (int i = 0; i < pipes.Count; i++)
            if (vertices.TryGetValue(pipes[i].Id, out var v)) pipes[i] = pipes[i] with { Vertices = v.ToArray() };
        for (int i = 0; i < pumps.Count; i++)
            if (vertices.TryGetValue(pumps[i].Id, out var v)) pumps[i] = pumps[i] with { Vertices = v.ToArray() };
        for (int i = 0; i < valves.Count; i++)
            if (vertices.TryGetValue(valves[i].Id, out var v)) valves[i] = valves[i] with { Vertices = v.ToArray() };
    }

    private IReadOnlyList<Curve> BuildCurves(
        Dictionary<string, (int Line, string? Kind, List<(double X, double Y)> Points)> raw, List<Pump> pumps, Tank[] tanks, List<Valve> valves)
    {
        // A curve's use fixes its kind (EPANET sets the type where a pump, tank, valve or [ENERGY] line refers to it).
        var kinds = new Dictionary<string, CurveKind>(StringComparer.Ordinal);
        foreach (var p in pumps) if (p.EfficiencyCurveId is { } c) kinds[c] = CurveKind.Efficiency;
        foreach (var v in valves) if (v.CurveId is { } c) kinds[c] = CurveKind.HeadLoss;
        foreach (var p in pumps) if (p.HeadCurveId is { } c) kinds[c] = CurveKind.PumpHead;
        foreach (var t in tanks) if (t.VolumeCurveId is { } c) kinds[c] = CurveKind.Volume;
        var curves = new List<Curve>();
        foreach (var (id, (_, label, points)) in raw)
        {
            var kind = kinds.TryGetValue(id, out var k) ? k : label switch
            {
                "EFFICIENCY" => CurveKind.Efficiency,
                "VOLUME" => CurveKind.Volume,
                "HEADLOSS" => CurveKind.HeadLoss,
                _ => CurveKind.PumpHead,
            };
            var si = points.Select(p => kind switch
            {
                CurveKind.PumpHead or CurveKind.HeadLoss => new Point2(FlowToSi(p.X), LengthToSi(p.Y)),
                CurveKind.Efficiency => new Point2(FlowToSi(p.X), p.Y),
                _ => new Point2(LengthToSi(p.X), _units.Volume.ToSi(p.Y)),
            }).ToArray();
            curves.Add(new Curve(id, kind, si));
        }
        return curves;
    }

    private void CheckReferences(IReadOnlyList<Pattern> patterns, IReadOnlyList<Curve> curves, List<Junction> junctions,
        Reservoir[] reservoirs, List<Pump> pumps, Tank[] tanks)
    {
        var patternIds = patterns.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var curveIds = curves.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        void Pattern(string? id, string owner, string key)
        {
            if (id is not null && !patternIds.Contains(id))
                throw new InvalidInputException($"{owner} refers to undefined pattern '{id}'", _file, _sourceLines[key]);
        }
        foreach (var j in junctions)
            foreach (var d in j.Demands) Pattern(d.PatternId, $"junction {j.Id}", "node:" + j.Id);
        foreach (var r in reservoirs) Pattern(r.PatternId, $"reservoir {r.Id}", "node:" + r.Id);
        foreach (var p in pumps)
        {
            Pattern(p.PatternId, $"pump {p.Id}", "link:" + p.Id);
            if (p.HeadCurveId is { } c && !curveIds.Contains(c))
                throw new InvalidInputException($"pump {p.Id} refers to undefined curve '{c}'", _file, _sourceLines["link:" + p.Id]);
        }
        foreach (var t in tanks)
        {
            if (t.VolumeCurveId is { } c && !curveIds.Contains(c))
                throw new InvalidInputException($"tank {t.Id} refers to undefined volume curve '{c}'", _file, _sourceLines["node:" + t.Id]);
        }
    }
}
