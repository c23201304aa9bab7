using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Reports;

/// <summary>
/// Two algorithms on one problem, seed for seed: the Mann–Whitney U test on their final costs (a run with no feasible
/// design counts as worst), so a user can say "A beats B on Hanoi, p = 0.003" rather than compare best runs.
/// </summary>
public sealed record VariantComparison(string Problem, string A, string B, double MedianA, double MedianB, MannWhitneyTest.Result Test)
{
    /// <summary>The significance level the verdict uses.</summary>
    public const double Alpha = 0.05;

    public string Verdict => !(Test.PValue < Alpha) ? "no significant difference"
        : Test.U < Runs(A) * (double)Runs(B) / 2 ? $"{A} lower" : $"{B} lower";

    private int RunsA { get; init; }
    private int RunsB { get; init; }
    private int Runs(string name) => name == A ? RunsA : RunsB;

    /// <summary>Every pair of algorithms on every problem of <paramref name="rows"/>.</summary>
    public static IReadOnlyList<VariantComparison> Pairwise(IReadOnlyList<SolverComparisonRow> rows)
    {
        var result = new List<VariantComparison>();
        foreach (var problem in rows.GroupBy(r => r.Problem))
        {
            var list = problem.ToList();
            for (int i = 0; i < list.Count; i++)
            {
                for (int j = i + 1; j < list.Count; j++)
                {
                    var a = Costs(list[i]);
                    var b = Costs(list[j]);
                    result.Add(new VariantComparison(problem.Key, list[i].Algorithm, list[j].Algorithm,
                        SampleQuantiles.Median(a.Order().ToList()), SampleQuantiles.Median(b.Order().ToList()), MannWhitneyTest.Compare(a, b))
                    { RunsA = a.Count, RunsB = b.Count });
                }
            }
        }
        return result;
    }

    private static List<double> Costs(SolverComparisonRow row) =>
        row.PerSeed.Select(r => r.Feasible ? r.BestCost : double.PositiveInfinity).ToList();

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("problem", Problem);
        w.WriteString("a", A);
        w.WriteString("b", B);
        w.WriteNumberOrNull("median_cost_a", MedianA);
        w.WriteNumberOrNull("median_cost_b", MedianB);
        w.WriteNumberOrNull("u", Test.U);
        w.WriteNumberOrNull("p_value", Test.PValue);
        w.WriteNumberOrNull("shift_estimate", Test.Shift);
        w.WriteString("method", Test.Exact ? "Mann–Whitney U, exact" : "Mann–Whitney U, normal approximation with tie and continuity corrections");
        w.WriteString("verdict", Verdict);
        w.WriteEndObject();
    }

    public static string Table(IReadOnlyList<VariantComparison> comparisons)
    {
        if (comparisons.Count == 0) return "";
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder($"pairwise Mann–Whitney U on final costs per seed (two-sided, α = {Alpha.ToString(inv)}):\n");
        foreach (var c in comparisons)
        {
            sb.Append(inv, $"  {c.Problem}: {c.A} vs {c.B}: medians {Format(c.MedianA)} vs {Format(c.MedianB)}, p = {c.Test.PValue:G3} → {c.Verdict}\n");
        }
        return sb.ToString();

        string Format(double v) => double.IsFinite(v) ? v.ToString("N0", inv) : "no feasible design";
    }
}
