namespace WdnAccel.Core.Optimizers;

/// <summary>
/// Parameters after defaults and validation: every declared name present, values inside their ranges.
/// Unknown names and out-of-range or non-finite values are rejected with the offending name.
/// </summary>
internal sealed class ResolvedParameters
{
    private readonly Dictionary<string, double> _values;

    private ResolvedParameters(Dictionary<string, double> values) => _values = values;

    public double this[string name] => _values[name];

    public int Int(string name) => checked((int)_values[name]); // whole: Problem refuses fractions

    public IReadOnlyDictionary<string, double> Values => _values;

    public static ResolvedParameters Resolve(string algorithm, IReadOnlyList<OptimizerParameter> specs, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxEvaluations < 1)
            throw new ArgumentException($"{algorithm}: the evaluation budget must be at least 1 (got {settings.MaxEvaluations}).", nameof(settings));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var spec in specs) values[spec.Name] = spec.Default;
        foreach (var (name, value) in settings.Parameters)
        {
            if (!values.ContainsKey(name)) throw new ArgumentException(Problem(algorithm, specs, name, value) + ".", nameof(settings));
            values[name] = value;
        }
        if (settings.PopulationSize is int pop) values["population"] = pop;
        foreach (var spec in specs)
        {
            if (Problem(algorithm, specs, spec.Name, values[spec.Name]) is { } problem) throw new ArgumentException(problem + ".", nameof(settings));
        }
        return new ResolvedParameters(values);
    }

    /// <summary>Why <paramref name="algorithm"/> refuses <paramref name="name"/> = <paramref name="value"/> (unknown name, value out of range), or null.</summary>
    internal static string? Problem(string algorithm, IReadOnlyList<OptimizerParameter> specs, string name, double value)
    {
        var spec = specs.FirstOrDefault(s => s.Name == name);
        if (spec is null) return $"{algorithm}: unknown parameter '{name}'; known: {string.Join(", ", specs.Select(s => s.Name))}{Io.NearestName.Hint(name, specs.Select(s => s.Name))}";
        string text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return !double.IsFinite(value) || value < spec.Min || value > spec.Max
            ? $"{algorithm}: parameter '{name}' = {text} is outside [{spec.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {spec.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)}]"
            : spec.Whole && value != Math.Floor(value) ? $"{algorithm}: parameter '{name}' = {text} must be a whole number"
            : null;
    }

    /// <summary>The settings as actually used, for the result.</summary>
    public OptimizerSettings Apply(OptimizerSettings settings) => settings with
    {
        PopulationSize = Int("population"),
        Parameters = new Dictionary<string, double>(_values, StringComparer.Ordinal),
    };
}
