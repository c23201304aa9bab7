using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Inp;

// [OPTIONS] and [TIMES] (EPANET input3.c optionchoice, optionvalue, timedata).
public sealed partial class InpReader
{
    /// <summary>EPANET's MINPDIFF: the required pressure lies at least this far (file pressure units) above the minimum.</summary>
    private const double MinPressureDifference = 0.1;

    /// <summary>EPANET reads an actual diffusivity (ft²/s or m²/s) up to this value, a multiple of chlorine's above it.</summary>
    internal const double ActualDiffusivityLimit = 1e-4;

    private QualitySettings _qualityOptions = new();
    private InpLine? _traceLine;

    private void ReadOptions()
    {
        // A file without a UNITS line is in GPM (US customary units), as EPANET 2.2 reads it (input1.c setdefaults:
        // Flowflag = GPM).
        var options = new HydraulicOptions { FlowUnits = FlowUnits.GPM };
        var quality = new QualitySettings();
        bool kpa = false;
        double pmin = 0, preq = MinPressureDifference, headError = 0, flowChange = 0;
        EachLine("OPTIONS", line =>
        {
            string second = line.Tokens.Count > 1 ? line.Tokens[1].ToUpperInvariant() : "";
            switch (OptionKey(line))
            {
                case "UNITS":
                    options = options with { FlowUnits = ParseFlowUnits(line, second) };
                    break;
                case "HEADLOSS":
                    options = options with { HeadLoss = ParseHeadLoss(line, second) };
                    break;
                case "SPECIFIC GRAVITY":
                    options = options with { SpecificGravity = Positive(line, 2, "Specific Gravity") };
                    break;
                case "VISCOSITY":
                    options = options with { RelativeViscosity = Positive(line, 1, "Viscosity") };
                    break;
                case "TRIALS":
                    double trials = Positive(line, 1, "Trials");
                    if (trials != Math.Floor(trials)) throw new InvalidInputException($"expected a whole number of trials, got {line.Tokens[1]}", _file, line.Number, "Trials");
                    options = options with { MaxTrials = (int)Math.Min(trials, int.MaxValue) }; // SolverLimits clamps it further
                    break;
                case "ACCURACY":
                    options = options with { Accuracy = Positive(line, 1, "Accuracy") };
                    break;
                case "PATTERN":
                    options = options with { DefaultPatternId = line.Tokens.Count > 1 ? line.Tokens[1] : null };
                    break;
                case "DEMAND MULTIPLIER":
                    options = options with { DemandMultiplier = NonNegative(line, 2, "Demand Multiplier") };
                    break;
                case "DEMAND MODEL":
                    options = options with
                    {
                        DemandModel = Token(line, 2, "Demand Model").ToUpperInvariant() switch
                        {
                            "DDA" => DemandModel.DemandDriven,
                            "PDA" => DemandModel.PressureDriven,
                            _ => throw Bad(line, $"unknown demand model '{line.Tokens[2]}'; expected DDA or PDA", "Demand Model"),
                        },
                    };
                    break;
                case "MINIMUM PRESSURE":
                    // EPANET optionvalue: a minimum given while the required pressure is still its default moves it up with it.
                    double y = NonNegative(line, 2, "Minimum Pressure");
                    if (preq == MinPressureDifference) preq = y + MinPressureDifference;
                    else if (preq - y < MinPressureDifference - 1e-9) throw Bad(line, $"minimum pressure {line.Tokens[2]} must lie at least {MinPressureDifference} below the required pressure {preq} (EPANET error 208)", "Minimum Pressure");
                    pmin = y;
                    break;
                case "REQUIRED PRESSURE":
                    double r = NonNegative(line, 2, "Required Pressure");
                    if (r - pmin < MinPressureDifference - 1e-9) throw Bad(line, $"required pressure {line.Tokens[2]} must lie at least {MinPressureDifference} above the minimum pressure {pmin} (EPANET error 208)", "Required Pressure");
                    preq = r;
                    break;
                case "PRESSURE EXPONENT":
                    options = options with { PressureExponent = Positive(line, 2, "Pressure Exponent") };
                    break;
                case "PRESSURE":
                    // Pressure units are not modelled (SI inside); the line is kept, and decides how pressures convert.
                    kpa = InpKeywords.Is(second, "KPA")
                        || (InpKeywords.Is(second, "PSI") || InpKeywords.Is(second, "METERS") ? false
                            : throw Bad(line, $"unknown pressure units '{line.Tokens.ElementAtOrDefault(1)}'; expected PSI, KPA or METERS", "Pressure"));
                    KeepUnmodelled("OPTIONS", line);
                    break;
                case "EMITTER EXPONENT":
                    options = options with { EmitterExponent = Positive(line, 2, "Emitter Exponent") };
                    break;
                case "CHECKFREQ":
                    options = options with { CheckFrequency = Whole(line, 1, "CHECKFREQ", 1) };
                    break;
                case "MAXCHECK":
                    options = options with { MaxCheck = Whole(line, 1, "MAXCHECK", 1) };
                    break;
                case "DAMPLIMIT":
                    options = options with { DampLimit = Number(line, 1, "DAMPLIMIT") };
                    break;
                case "HEADERROR":
                    headError = NonNegative(line, 1, "HEADERROR");
                    break;
                case "FLOWCHANGE":
                    flowChange = NonNegative(line, 1, "FLOWCHANGE");
                    break;
                case "UNBALANCED":
                    options = options with
                    {
                        ExtraTrials = InpKeywords.Is(second, "STOP") ? -1
                            : InpKeywords.Is(second, "CONT") ? (line.Tokens.Count > 2 ? Whole(line, 2, "Unbalanced", 0) : 0)
                            : throw Bad(line, $"expected STOP or CONTINUE [trials] for Unbalanced, got '{line.Tokens.ElementAtOrDefault(1)}'", "Unbalanced"),
                    };
                    break;
                case "QUALITY":
                    quality = ParseQualityOption(line, quality);
                    break;
                case "DIFFUSIVITY":
                    quality = quality with { RelativeDiffusivity = NonNegative(line, 1, "Diffusivity") };
                    break;
                case "TOLERANCE":
                    quality = quality with { Tolerance = NonNegative(line, 1, "Tolerance") };
                    break;
                case "HYDRAULICS USE":
                    throw Bad(line, "HYDRAULICS USE takes the hydraulics from a saved EPANET hydraulics file, which WdnAccel cannot read; remove the line to compute them", "Hydraulics");
                case "HTOL" or "QTOL" or "RQTOL":
                    throw Bad(line, $"{line.Tokens[0]} (EPANET's undocumented status and linearization tolerance) is not supported; remove the line to use EPANET's default", line.Tokens[0]);
                case "UNKNOWN":
                    throw Bad(line, $"unknown [OPTIONS] keyword '{line.Tokens[0]}' (EPANET error 201)", line.Tokens[0]);
                default: // MAP, VERIFY, SEGMENTS, HYDRAULICS SAVE, and lines EPANET reads without effect (a keyword without its value)
                    KeepUnmodelled("OPTIONS", line);
                    break;
            }
        });
        _units = new InpUnits(options, kpa);
        _options = options with
        {
            MinimumPressure = OptionToSi(_units.Pressure, pmin, "Minimum Pressure"),
            RequiredPressure = OptionToSi(_units.Pressure, preq, "Required Pressure"),
            HeadError = OptionToSi(_units.Length, headError, "HEADERROR"),
            FlowChange = OptionToSi(_units.Flow, flowChange, "FLOWCHANGE"),
        };
        // The diffusivity reads as a multiple of chlorine's, or as an actual value when small (EPANET adjustdata).
        _qualityOptions = quality with { RelativeDiffusivity = OptionToSi(_units.Diffusivity, quality.RelativeDiffusivity, "Diffusivity") };
    }

    /// <summary>
    /// The option a [OPTIONS] line sets, as EPANET 2.2 tells them apart (input3.c optionchoice, then optionvalue): each
    /// keyword matches by its leading letters (UNIT, HEADL, VISC, TRIAL, ACCU, PATT, UNBA, SPEC, EMIT, ...), in EPANET's
    /// order, so "Demand Mult 1.2", "Headloss" or "Unbal Continue" read as EPANET reads them; the word after SPECIFIC,
    /// EMITTER, DEMAND, MINIMUM and REQUIRED is not checked (EPANET takes the third token as the value). A choice
    /// without its value, or a value keyword without its value, is read and ignored as EPANET does ("IGNORED"); a keyword
    /// EPANET does not know is "UNKNOWN" (EPANET error 201).
    /// </summary>
    private static string OptionKey(InpLine line)
    {
        var t = line.Tokens;
        string k = t[0];
        int n = t.Count - 1;
        bool Is(string keyword) => InpKeywords.Is(k, keyword);
        // optionchoice
        if (Is("UNIT")) return n < 1 ? "IGNORED" : "UNITS";
        if (Is("PRESSURE") && !(n >= 1 && InpKeywords.Is(t[1], "EXP"))) return n < 1 ? "IGNORED" : "PRESSURE";
        if (Is("HEADL")) return n < 1 ? "IGNORED" : "HEADLOSS";
        if (Is("HYDR")) return n < 2 ? "IGNORED" : InpKeywords.Is(t[1], "USE") ? "HYDRAULICS USE" : InpKeywords.Is(t[1], "SAVE") ? "IGNORED" : "UNKNOWN";
        if (Is("QUAL")) return n < 1 ? "IGNORED" : "QUALITY";
        if (Is("MAP") || Is("VERI")) return "IGNORED";
        if (Is("UNBA")) return n < 1 ? "IGNORED" : "UNBALANCED";
        if (Is("PATT")) return n < 1 ? "IGNORED" : "PATTERN";
        if (Is("DEMAND") && n >= 1 && InpKeywords.Is(t[1], "MODEL")) return "DEMAND MODEL"; // without its value: refused (EPANET skips it)
        if (Is("DEMAND") && n < 2) return "IGNORED";
        // optionvalue
        if (Is("SEGM")) return "IGNORED";
        bool two = Is("SPEC") || Is("EMIT") || Is("DEMAND") || Is("MINI") || Is("REQ") || Is("PRESSURE") || Is("PREC");
        if (n < (two ? 2 : 1)) return "IGNORED";
        if (Is("TOLER")) return "TOLERANCE";
        if (Is("DIFF")) return "DIFFUSIVITY";
        if (Is("DAMPLIMIT")) return "DAMPLIMIT";
        if (Is("FLOWCHANGE")) return "FLOWCHANGE";
        if (Is("HEADERROR")) return "HEADERROR";
        if (Is("MINI")) return "MINIMUM PRESSURE";
        if (Is("REQ")) return "REQUIRED PRESSURE";
        if (Is("PRESSURE")) return "PRESSURE EXPONENT";
        if (Is("VISC")) return "VISCOSITY";
        if (Is("SPEC")) return "SPECIFIC GRAVITY";
        if (Is("TRIAL")) return "TRIALS";
        if (Is("ACCU")) return "ACCURACY";
        if (Is("HTOL")) return "HTOL";
        if (Is("QTOL")) return "QTOL";
        if (Is("RQTOL")) return "RQTOL";
        if (Is("CHECKFREQ")) return "CHECKFREQ";
        if (Is("MAXCHECK")) return "MAXCHECK";
        if (Is("EMIT")) return "EMITTER EXPONENT";
        if (Is("DEMAND")) return "DEMAND MULTIPLIER";
        return "UNKNOWN";
    }

    /// <summary>A value converted after its section was read (the units need every line first): an overflow names the section and field.</summary>
    private double OptionToSi(InpConversion conversion, double value, string field)
    {
        try
        {
            return Si(conversion, value);
        }
        catch (OverflowException e)
        {
            Collect(new InvalidInputException(e.Message, _file, field: field));
            return 0;
        }
    }

    private FlowUnits ParseFlowUnits(InpLine line, string value)
    {
        if (Enum.TryParse<FlowUnits>(value, ignoreCase: true, out var units) && !int.TryParse(value, out _)) return units;
        if (value == "SI")
        {
            // Old Korean benchmark files (GoYang, BakRyun) say "units si" with demands in l/s and diameters in mm.
            _warnings.Add($"{_file}, line {line.Number}: 'Units SI' is not an EPANET flow unit; read as LPS (litres per second, metric)");
            return FlowUnits.LPS;
        }
        throw new InvalidInputException(
            $"unknown flow units '{line.Tokens.ElementAtOrDefault(1)}'; expected one of {string.Join(", ", Enum.GetNames<FlowUnits>())}",
            _file, line.Number, "Units");
    }

    /// <summary>HEADLOSS H-W | D-W | C-M: the keywords the writer writes (<see cref="HeadLossModelNames.InpKeyword"/>).</summary>
    private HeadLossModel ParseHeadLoss(InpLine line, string value)
    {
        foreach (var model in Enum.GetValues<HeadLossModel>())
        {
            if (InpKeywords.Is(value, model.InpKeyword())) return model;
        }
        throw new InvalidInputException($"unknown head-loss formula '{line.Tokens.ElementAtOrDefault(1)}'; expected H-W, D-W or C-M", _file, line.Number, "Headloss");
    }

    /// <summary>
    /// QUALITY NONE | CHEMICAL [units] | AGE | TRACE node | name [units] (EPANET optionchoice): any other word names a
    /// chemical; units are mg/L or ug/L. The name is kept as written, CHEMICAL included.
    /// </summary>
    private QualitySettings ParseQualityOption(InpLine line, QualitySettings quality)
    {
        string what = Token(line, 1, "Quality");
        if (InpKeywords.Is(what, "NONE")) return quality with { Mode = QualityMode.None, TraceNodeId = null };
        if (InpKeywords.Is(what, "AGE")) return quality with { Mode = QualityMode.Age, TraceNodeId = null };
        if (InpKeywords.Is(what, "TRACE"))
        {
            _traceLine = line;
            return quality with { Mode = QualityMode.Trace, TraceNodeId = Token(line, 2, "trace node of Quality") };
        }
        string units = quality.MassUnits;
        if (line.Tokens.Count > 2)
        {
            units = InpKeywords.Is(line.Tokens[2], "MG") ? "mg"
                : InpKeywords.Is(line.Tokens[2], "UG") ? "ug"
                : throw Bad(line, $"unknown concentration units '{line.Tokens[2]}'; expected mg/L or ug/L", "Quality");
        }
        return quality with { Mode = QualityMode.Chemical, ChemicalName = what, MassUnits = units, TraceNodeId = null };
    }

    private static readonly string[] Statistics = ["NONE", "NO", "AVERAGE", "MINIMUM", "MAXIMUM", "RANGE"];

    private SimulationTimes ReadTimes()
    {
        var times = new SimulationTimes();
        EachLine("TIMES", line =>
        {
            var t = line.Tokens;
            int n = t.Count - 1;
            if (n < 1) throw Bad(line, $"[TIMES] {t[0]} has no value", t[0]);
            if (InpKeywords.Is(t[0], "STAT"))
            {
                // Report statistics are not modelled; the line is checked as EPANET does and kept.
                if (InpKeywords.Find(t[n], Statistics) < 0) throw Bad(line, $"unknown statistic '{t[n]}'; expected NONE, AVERAGE, MINIMUM, MAXIMUM or RANGE", "Statistic");
                KeepUnmodelled("TIMES", line);
                return;
            }
            if (InpKeywords.Is(t[0], "MINI"))
            {
                KeepUnmodelled("TIMES", line); // MINIMUM TRAVELTIME: read and ignored by EPANET 2.2
                return;
            }
            string field = n > 1 && !InpKeywords.Is(t[0], "DURA") ? $"{t[0]} {t[1]}" : t[0];
            double seconds = TimeValue(line, field);
            if (InpKeywords.Is(t[0], "DURA")) times = times with { Duration = seconds };
            else if (InpKeywords.Is(t[0], "HYDR")) times = times with { HydraulicStep = seconds };
            else if (InpKeywords.Is(t[0], "QUAL")) times = times with { QualityStep = seconds };
            else if (InpKeywords.Is(t[0], "RULE")) times = times with { RuleStep = seconds };
            else if (InpKeywords.Is(t[0], "PATT"))
            {
                times = InpKeywords.Is(t[1], "TIME") ? times with { PatternStep = seconds }
                    : InpKeywords.Is(t[1], "STAR") ? times with { PatternStart = seconds }
                    : throw Bad(line, $"expected PATTERN TIMESTEP or PATTERN START, got '{t[0]} {t[1]}'", field);
            }
            else if (InpKeywords.Is(t[0], "REPO"))
            {
                times = InpKeywords.Is(t[1], "TIME") ? times with { ReportStep = seconds }
                    : InpKeywords.Is(t[1], "STAR") ? times with { ReportStart = seconds }
                    : throw Bad(line, $"expected REPORT TIMESTEP or REPORT START, got '{t[0]} {t[1]}'", field);
            }
            else if (InpKeywords.Is(t[0], "STAR")) times = times with { StartClockTime = seconds % 86400 };
            else
            {
                throw Bad(line, $"unknown [TIMES] keyword '{t[0]}'; expected DURATION, HYDRAULIC TIMESTEP, QUALITY TIMESTEP, RULE TIMESTEP, PATTERN TIMESTEP, PATTERN START, REPORT TIMESTEP, REPORT START, START CLOCKTIME or STATISTIC", t[0]);
            }
        });
        // EPANET 2.2 adjustdata: a pattern or hydraulic step of 0 is 1 h, a report step of 0 the pattern step; every
        // later use of the steps (the hydraulic step capped by both, the report times) then sees what EPANET does.
        if (times.PatternStep <= 0) times = times with { PatternStep = 3600 };
        if (times.ReportStep <= 0) times = times with { ReportStep = times.PatternStep };
        if (times.HydraulicStep <= 0) times = times with { HydraulicStep = 3600 };
        return times;
    }

    /// <summary>
    /// The time at the end of a [TIMES] line in whole seconds (EPANET timedata): a number of hours, h:mm[:ss], or either
    /// followed by SEC, MIN, HOURS, DAYS, AM or PM.
    /// </summary>
    private double TimeValue(InpLine line, string field)
    {
        var t = line.Tokens;
        int n = t.Count - 1;
        double? hours = TryNumber(t[n], out double y) ? y : InpTime.Hours(t[n], "") ?? (n > 1 ? InpTime.Hours(t[n - 1], t[n]) : null);
        if (hours is not { } h)
        {
            throw Bad(line, $"expected a time for {field} (hours, h:mm or h:mm:ss, optionally with SEC, MIN, HOURS, DAYS, AM or PM), got '{string.Join(' ', t.Skip(1))}'", field);
        }
        if (!(h >= 0 && h < long.MaxValue / 7200.0)) throw Bad(line, $"expected a time ≥ 0 for {field}, got '{string.Join(' ', t.Skip(1))}'", field);
        return InpTime.Seconds(h);
    }
}
