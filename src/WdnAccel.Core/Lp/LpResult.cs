namespace WdnAccel.Core.Lp;

/// <summary>
/// The answer to an LP. Floating values are always present; the exact parts are present when the exact
/// certifier ran. Duals follow y = ∂objective/∂rhs for both senses; reduced costs are c − Aᵀy.
/// For an infeasible model <see cref="FarkasMultipliers"/> are row multipliers proving it; for an unbounded one
/// <see cref="SolutionExact"/> is a feasible point and <see cref="Ray"/> an improving direction. An integer program may
/// instead be infeasible by <see cref="Divisibility"/>.
/// </summary>
public sealed class LpResult
{
    public required LpModel Model { get; init; }
    public required LpStatus Status { get; init; }
    public double ObjectiveValue { get; init; }
    public required double[] Solution { get; init; }
    public double[]? Duals { get; init; }
    public bool Certified { get; init; }
    public Rational? ObjectiveExact { get; init; }
    public Rational[]? SolutionExact { get; init; }
    public Rational[]? DualsExact { get; init; }
    public Rational[]? ReducedCostsExact { get; init; }
    public Rational[]? FarkasMultipliers { get; init; }
    public Rational[]? Ray { get; init; }
    /// <summary>For an integer program infeasible by the divisibility of one row: that row and the divisor.</summary>
    public DivisibilityCertificate? Divisibility { get; init; }
    /// <summary>Why certification failed, when it did.</summary>
    public string? CertificateFailure { get; init; }
    public int Iterations { get; init; }
    /// <summary>Branch-and-bound nodes solved (0 for a continuous model).</summary>
    public int Nodes { get; init; }
    public int ExactPivots { get; init; }
    public TimeSpan FloatTime { get; init; }
    public TimeSpan ExactTime { get; init; }

    /// <summary>
    /// This answer re-labelled for <paramref name="model"/> (the MILP whose node produced it): node duals and
    /// reduced costs are dropped, since they do not describe the integer program.
    /// </summary>
    internal LpResult With(LpModel model, bool certified, string? failure, int nodes = 1, int? iterations = null, int? pivots = null,
        LpStatus? status = null) => new()
    {
        Model = model,
        Status = status ?? Status,
        ObjectiveValue = ObjectiveValue,
        Solution = Solution,
        Certified = certified,
        ObjectiveExact = ObjectiveExact,
        SolutionExact = SolutionExact,
        FarkasMultipliers = FarkasMultipliers,
        Ray = Ray,
        Divisibility = Divisibility,
        CertificateFailure = failure,
        Iterations = iterations ?? Iterations,
        ExactPivots = pivots ?? ExactPivots,
        Nodes = nodes,
        FloatTime = FloatTime,
        ExactTime = ExactTime,
    };

    /// <summary>A branch and bound stopped at its node or time limit before it finished (with the best integer answer it found, if any: not proven optimal).</summary>
    public bool StoppedEarly => Status is LpStatus.NodeLimit or LpStatus.TimeLimit;

    /// <summary>Whether the answer holds a point: an optimum, an unbounded model's feasible point, or a stopped search's best one.</summary>
    public bool HasPoint => Status is LpStatus.Optimal or LpStatus.Unbounded || (StoppedEarly && SolutionExact is not null);

    /// <summary>
    /// An answer that holds no point (infeasible, or a search stopped without one): no objective, an all-zero solution,
    /// the proof where there is one and the search's counts.
    /// </summary>
    internal static LpResult WithoutPoint(LpModel model, LpStatus status, bool certified, string? failure, int nodes = 0, int iterations = 0,
        int pivots = 0, TimeSpan elapsed = default, Rational[]? farkas = null, DivisibilityCertificate? divisibility = null) => new()
    {
        Model = model,
        Status = status,
        ObjectiveValue = double.NaN,
        Solution = new double[model.Variables.Count],
        FarkasMultipliers = farkas,
        Divisibility = divisibility,
        Certified = certified,
        CertificateFailure = failure,
        Iterations = iterations,
        ExactPivots = pivots,
        Nodes = nodes,
        ExactTime = elapsed,
    };

    public string StatusName => Status switch
    {
        LpStatus.Optimal => "optimal",
        LpStatus.Infeasible => "infeasible",
        LpStatus.Unbounded => "unbounded",
        LpStatus.NodeLimit => "node_limit",
        LpStatus.TimeLimit => "time_limit",
        _ => "iteration_limit",
    };

    /// <summary>Exact value of a variable by name (throws if the exact answer is absent or the name unknown).</summary>
    public Rational Exact(string variable)
    {
        int j = Model.VariableIndex(variable);
        if (j < 0) throw new ArgumentException($"unknown variable '{variable}'");
        return SolutionExact is { } s ? s[j] : throw new InvalidOperationException("no exact solution (solved with exact: false)");
    }

    public double Value(string variable)
    {
        int j = Model.VariableIndex(variable);
        return j >= 0 ? Solution[j] : throw new ArgumentException($"unknown variable '{variable}'");
    }

    public Rational DualExact(string constraint)
    {
        int i = Model.ConstraintIndex(constraint);
        if (i < 0) throw new ArgumentException($"unknown constraint '{constraint}'");
        return DualsExact is { } d ? d[i] : throw new InvalidOperationException("no exact duals");
    }
}
