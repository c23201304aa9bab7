using System.Diagnostics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// The fully exact tree search, kept as <see cref="BranchAndBound"/>'s fallback for what its floating search does not
/// handle (an unbounded or unsolvable root relaxation, a node whose floating LP fails). Every node LP is solved from
/// scratch and certified exactly, so pruning
/// uses proven bounds only (the exact counterpart of the safe Neumaier–Shcherbina bounds of the exact LP verifier)
/// and the final incumbent's optimality rests on exact arithmetic throughout.
/// Branching: the most fractional integer variable (exact value v) gets x ≤ ⌊v⌋ and x ≥ ⌈v⌉ children, the
/// nearer rounding first. Order: depth first until an incumbent exists (a dive finds one quickly), then best bound
/// first (the open node whose parent's bound is best), which closes the gap with fewer nodes. A child carries its
/// parent's exact bound and is dropped without solving once the incumbent is at least as good.
/// </summary>
internal static class ExactTreeSearch
{
    public static LpResult Solve(LpModel model, LpSolveOptions options, int maxNodes)
    {
        var clock = Stopwatch.StartNew();
        bool minimize = model.Sense == LpSense.Minimize;
        LpResult? incumbent = null;
        var stack = new Stack<(LpModel Node, Rational? ParentBound)>();
        var best = new PriorityQueue<(LpModel Node, Rational? ParentBound), Rational>();
        stack.Push((Relaxed(model), null));
        int nodes = 0, iterations = 0, pivots = 0;
        bool complete = true, stopped = false;
        string? unproven = null; // why a node was closed without proof
        LpResult? root = null;
        Rational Key(Rational? bound) => bound is { } b ? (minimize ? b : -b) : Rational.Zero; // only the root has no bound, and it is never queued
        bool Worse(Rational bound) => incumbent is not null && (minimize ? bound >= incumbent.ObjectiveExact!.Value : bound <= incumbent.ObjectiveExact!.Value);
        while (stack.Count > 0 || best.Count > 0)
        {
            var (node, parentBound) = stack.Count > 0 ? stack.Pop() : best.Dequeue();
            if (parentBound is { } pb && Worse(pb)) continue; // the child's bound can only be worse than its parent's
            if (nodes >= maxNodes) { complete = false; break; }
            if (options.ShouldStop(clock.Elapsed)) { complete = false; stopped = true; break; }
            nodes++;
            var r = LpSolver.SolveContinuous(node, options with { Exact = true });
            iterations += r.Iterations;
            pivots += r.ExactPivots;
            root ??= r;
            if (!r.Certified) unproven ??= $"a node LP could not be {(r.Status is LpStatus.Optimal or LpStatus.Infeasible ? "certified" : "solved")} ({r.CertificateFailure ?? r.StatusName})";
            if (r.Status == LpStatus.Infeasible) continue;
            // An unbounded relaxation is reported as is (MILP unboundedness is settled by the caller).
            if (r.Status == LpStatus.Unbounded && nodes == 1)
                return r.With(model, certified: false, failure: "the LP relaxation is unbounded; unboundedness of the integer program is not proven");
            if (r.Status != LpStatus.Optimal) continue; // not certified, so the tree is not a proof
            var bound = r.ObjectiveExact!.Value;
            if (Worse(bound)) continue;
            int branch = -1;
            Rational bestFrac = default;
            for (int j = 0; j < model.Variables.Count; j++)
            {
                if (!model.Variables[j].IsInteger) continue;
                var v = r.SolutionExact![j];
                if (v.IsInteger) continue;
                var frac = v - Floor(v);
                var dist = Rational.Abs(frac - new Rational(1, 2));
                if (branch < 0 || dist < bestFrac) { branch = j; bestFrac = dist; }
            }
            if (branch < 0)
            {
                incumbent = r;
                // From the first incumbent on, best bound first: the waiting dive nodes join the queue.
                while (stack.Count > 0) { var waiting = stack.Pop(); best.Enqueue(waiting, Key(waiting.ParentBound)); }
                continue;
            }
            var x = r.SolutionExact![branch];
            var down = Floor(x);
            var up = down + Rational.One;
            var vb = node.Variables[branch];
            var downNode = node.Clone();
            downNode.SetBounds(branch, vb.Lower, down);
            var upNode = node.Clone();
            upNode.SetBounds(branch, up, vb.Upper);
            if (incumbent is null)
            {
                // Diving: nearer rounding explored first (pushed last).
                if (x - down < up - x) { stack.Push((upNode, bound)); stack.Push((downNode, bound)); }
                else { stack.Push((downNode, bound)); stack.Push((upNode, bound)); }
            }
            else
            {
                best.Enqueue((downNode, bound), Key(bound));
                best.Enqueue((upNode, bound), Key(bound));
            }
        }
        clock.Stop();
        // The root Farkas certificate proves integer infeasibility when the relaxation is infeasible already.
        return SearchOutcome.Finish(model, incumbent, complete, stopped, unproven, maxNodes,
            clock.Elapsed, nodes, iterations, pivots, farkas: nodes == 1 ? root?.FarkasMultipliers : null);
    }

    private static LpModel Relaxed(LpModel model) => model.Clone();

    private static Rational Floor(Rational v) => Rational.Floor(v);
}
