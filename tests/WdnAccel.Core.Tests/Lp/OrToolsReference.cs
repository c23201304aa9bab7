using Google.OrTools.LinearSolver;
using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// What Google OR-Tools says about an <see cref="LpModel"/>: GLOP (its primal/dual simplex) for LPs, SCIP
/// through the same MPSolver wrapper for MILPs, with the relative MIP gap set to 0 (MPSolver's default is
/// 1e-4, too loose for a 1e-6 comparison). Test and benchmark code only: src/ never references OR-Tools.
/// </summary>
public static class OrToolsReference
{
    /// <summary>OR-Tools' verdict: the raw MPSolver status and, when it was not optimal, the class it resolved to.</summary>
    public readonly record struct Answer(LpStatus Status, double Objective, Solver.ResultStatus Raw, bool Disambiguated, string Engine);

    /// <summary>The MPSolver backend used for <paramref name="model"/>: GLOP without integers, SCIP with.</summary>
    public static string EngineFor(LpModel model) => model.Variables.Any(v => v.IsInteger) ? "SCIP" : "GLOP";

    /// <summary>Builds the OR-Tools model (doubles: every exact datum rounded to the nearest double).</summary>
    public static Solver Build(LpModel model, bool zeroObjective = false)
    {
        string engine = EngineFor(model);
        var solver = Solver.CreateSolver(engine) ?? throw new InvalidOperationException($"OR-Tools has no {engine} backend here");
        double inf = double.PositiveInfinity; // MPSolver::infinity()
        var vars = new Variable[model.Variables.Count];
        for (int j = 0; j < vars.Length; j++)
        {
            var v = model.Variables[j];
            double lo = v.Lower is { } l ? l.ToDouble() : -inf, up = v.Upper is { } u ? u.ToDouble() : inf;
            vars[j] = v.IsInteger ? solver.MakeIntVar(lo, up, v.Name) : solver.MakeNumVar(lo, up, v.Name);
        }
        foreach (var row in model.Constraints)
        {
            var c = solver.MakeConstraint(row.Lower is { } l ? l.ToDouble() : -inf, row.Upper is { } u ? u.ToDouble() : inf, row.Name);
            foreach (var t in row.Terms) c.SetCoefficient(vars[t.Variable], t.Coefficient.ToDouble());
        }
        var objective = solver.Objective();
        if (!zeroObjective)
            for (int j = 0; j < vars.Length; j++)
                if (!model.Variables[j].Cost.IsZero) objective.SetCoefficient(vars[j], model.Variables[j].Cost.ToDouble());
        if (model.Sense == LpSense.Maximize) objective.SetMaximization(); else objective.SetMinimization();
        return solver;
    }

    /// <summary>Solves the built model once (the benchmark's unit of work): the raw status and objective.</summary>
    public static (Solver.ResultStatus Status, double Objective) SolveBuilt(Solver solver)
    {
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        var status = solver.Solve(parameters);
        return (status, status == Solver.ResultStatus.OPTIMAL ? solver.Objective().Value() : double.NaN);
    }

    /// <summary>
    /// Solves <paramref name="model"/>. A non-optimal verdict is sorted into infeasible or unbounded the
    /// honest way when OR-Tools does not say which (ABNORMAL, or a simplex that stops on "infeasible or
    /// unbounded"): the same constraints with a zero objective are solved, and a feasible answer there means
    /// the original was unbounded. <see cref="Answer.Disambiguated"/> records that this was needed.
    /// </summary>
    public static Answer Solve(LpModel model)
    {
        string engine = EngineFor(model);
        Solver.ResultStatus raw;
        double objective;
        using (var solver = Build(model)) (raw, objective) = SolveBuilt(solver);
        switch (raw)
        {
            case Solver.ResultStatus.OPTIMAL: return new Answer(LpStatus.Optimal, objective, raw, false, engine);
            case Solver.ResultStatus.INFEASIBLE or Solver.ResultStatus.UNBOUNDED or Solver.ResultStatus.ABNORMAL:
                Solver.ResultStatus feasibility;
                using (var solver = Build(model, zeroObjective: true)) (feasibility, _) = SolveBuilt(solver);
                var status = feasibility switch
                {
                    Solver.ResultStatus.OPTIMAL => LpStatus.Unbounded,
                    Solver.ResultStatus.INFEASIBLE => LpStatus.Infeasible,
                    _ => LpStatus.IterationLimit,
                };
                bool disambiguated = raw == Solver.ResultStatus.ABNORMAL
                    || (raw == Solver.ResultStatus.INFEASIBLE) != (status == LpStatus.Infeasible);
                return new Answer(status, double.NaN, raw, disambiguated, engine);
            default: return new Answer(LpStatus.IterationLimit, double.NaN, raw, false, engine);
        }
    }
}
