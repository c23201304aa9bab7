namespace WdnAccel.Core.Lp;

/// <summary>
/// A linear program with exact data: variables with bounds, sparse rows (≤, ≥, =, ranges) and an objective
/// sense. Built incrementally; names are unique per kind. Solve it with <see cref="LpSolver.Solve"/>.
/// </summary>
public sealed class LpModel
{
    private readonly List<LpVariable> _variables = [];
    private readonly List<LpConstraint> _constraints = [];
    private readonly Dictionary<string, int> _variableIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _constraintIndex = new(StringComparer.Ordinal);

    public string Name { get; set; } = "";
    public LpSense Sense { get; set; } = LpSense.Minimize;
    public IReadOnlyList<LpVariable> Variables => _variables;
    public IReadOnlyList<LpConstraint> Constraints => _constraints;

    /// <summary>A copy that can be changed independently (rows are immutable and shared).</summary>
    public LpModel Clone()
    {
        var c = new LpModel { Name = Name, Sense = Sense };
        c._variables.AddRange(_variables);
        c._constraints.AddRange(_constraints);
        foreach (var kv in _variableIndex) c._variableIndex[kv.Key] = kv.Value;
        foreach (var kv in _constraintIndex) c._constraintIndex[kv.Key] = kv.Value;
        return c;
    }

    public int VariableIndex(string name) => _variableIndex.TryGetValue(name, out var i) ? i : -1;
    public int ConstraintIndex(string name) => _constraintIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Adds a variable; bounds default to [0, +∞).</summary>
    public int AddVariable(string name, Rational? lower, Rational? upper, Rational cost = default, bool isInteger = false)
    {
        if (_variableIndex.ContainsKey(name)) throw new ArgumentException($"duplicate variable '{name}'", nameof(name));
        if (lower is { } l && upper is { } u && l > u)
            throw new ArgumentException($"variable '{name}': lower bound {l} exceeds upper bound {u}");
        _variableIndex[name] = _variables.Count;
        _variables.Add(new LpVariable(name, lower, upper, cost, isInteger));
        return _variables.Count - 1;
    }

    public int AddVariable(string name) => AddVariable(name, Rational.Zero, null);

    public void SetCost(int variable, Rational cost) => _variables[variable] = _variables[variable] with { Cost = cost };

    public void SetBounds(int variable, Rational? lower, Rational? upper) =>
        _variables[variable] = _variables[variable] with { Lower = lower, Upper = upper };

    public void SetInteger(int variable, bool isInteger) =>
        _variables[variable] = _variables[variable] with { IsInteger = isInteger };

    /// <summary>Adds a row `terms sense rhs` (sense ≤, ≥ or =). Repeated variables are summed; zeros dropped.</summary>
    public int AddConstraint(string name, IEnumerable<LpTerm> terms, LpRowSense sense, Rational rhs) => sense switch
    {
        LpRowSense.LessEqual => AddRow(name, terms, null, rhs, sense),
        LpRowSense.GreaterEqual => AddRow(name, terms, rhs, null, sense),
        LpRowSense.Equal => AddRow(name, terms, rhs, rhs, sense),
        _ => throw new ArgumentException("use AddRange for ranged rows", nameof(sense)),
    };

    /// <summary>Adds a ranged row lower ≤ terms ≤ upper.</summary>
    public int AddRange(string name, IEnumerable<LpTerm> terms, Rational lower, Rational upper)
    {
        if (lower > upper) throw new ArgumentException($"row '{name}': range lower {lower} exceeds upper {upper}");
        return AddRow(name, terms, lower, upper, LpRowSense.Range);
    }

    public int AddConstraintByName(string name, IEnumerable<(string Variable, Rational Coefficient)> terms, LpRowSense sense, Rational rhs) =>
        AddConstraint(name, terms.Select(t => new LpTerm(RequireVariable(t.Variable), t.Coefficient)), sense, rhs);

    private int RequireVariable(string name) =>
        VariableIndex(name) is var i and >= 0 ? i : throw new ArgumentException($"unknown variable '{name}'");

    private int AddRow(string name, IEnumerable<LpTerm> terms, Rational? lower, Rational? upper, LpRowSense sense)
    {
        if (_constraintIndex.ContainsKey(name)) throw new ArgumentException($"duplicate constraint '{name}'", nameof(name));
        var merged = new SortedDictionary<int, Rational>();
        foreach (var t in terms)
        {
            if ((uint)t.Variable >= (uint)_variables.Count) throw new ArgumentOutOfRangeException(nameof(terms), $"row '{name}': unknown variable index {t.Variable}");
            merged[t.Variable] = merged.TryGetValue(t.Variable, out var c) ? c + t.Coefficient : t.Coefficient;
        }
        var list = merged.Where(kv => !kv.Value.IsZero).Select(kv => new LpTerm(kv.Key, kv.Value)).ToArray();
        _constraintIndex[name] = _constraints.Count;
        _constraints.Add(new LpConstraint(name, list, lower, upper, sense));
        return _constraints.Count - 1;
    }

    /// <summary>Objective value of a point, exactly.</summary>
    public Rational Objective(IReadOnlyList<Rational> x)
    {
        var sum = Rational.Zero;
        for (int j = 0; j < _variables.Count; j++)
            if (!_variables[j].Cost.IsZero) sum += _variables[j].Cost * x[j];
        return sum;
    }

    /// <summary>Row activity Σ a_j x_j, exactly.</summary>
    public Rational Activity(int row, IReadOnlyList<Rational> x)
    {
        var sum = Rational.Zero;
        foreach (var t in _constraints[row].Terms) sum += t.Coefficient * x[t.Variable];
        return sum;
    }
}
