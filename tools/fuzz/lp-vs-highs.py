#!/usr/bin/python3
"""Differential fuzzing of `wdnaccel lp` against HiGHS (through SciPy): seeded random small LP and MILP models are written
as free MPS or CPLEX LP files, solved by `wdnaccel lp FILE --json` and by SciPy's HiGHS (`linprog(method="highs")` for an
LP, `milp` with mip_rel_gap 0 for a MILP) from the same model in memory, and the answers compared: the status (optimal,
infeasible, unbounded) must agree and optimal objectives must agree within a relative tolerance (--rtol, default 1e-6:
|ours - highs| <= rtol * max(1, |ours|, |highs|); HiGHS works to 1e-7 feasibility, ours is exact).

The files exercise the readers' conventions on purpose: bounds left to their defaults (an MPS integer column between the
INTORG/INTEND markers with no BOUNDS entry is binary; a negative UP alone makes the lower bound -inf), BV/MI/PL/FR/FX
entries, RANGES on L, G and E rows, CPLEX LP ranges, `free`, `-inf`, Binary and General sections.

HiGHS reports some models as "unbounded or infeasible"; every infeasible, unbounded or ambiguous HiGHS verdict is
settled by solving the same rows with a zero objective (feasible there means unbounded). Our node, time and iteration
limits are counted apart: they are honest non-answers, not disagreements. Where the answers differ, each side's claim is
checked here: HiGHS's point against the model (1e-6), ours exactly (our `solution_exact`, and for `unbounded` the
certificate's ray). A difference where HiGHS's point fails, or where our exact feasible point beats its "optimum" (or
our point and ray prove it unbounded), is listed as HiGHS's error (SciPy 1.10 ships HiGHS 1.2-1.4, whose MIP presolve
returns such answers on about 1 % of these models); any other difference is a disagreement and makes the exit code 1.

A tool, not a test: it needs /usr/bin/python3 with SciPy >= 1.9 and a Release build of the CLI.
  dotnet build -c Release src/WdnAccel.Cli
  /usr/bin/python3 tools/fuzz/lp-vs-highs.py --seed 1 --count 300 --size 6
Each parsed model is also written back (`--write-model`, cycling .lp, .mps and .json) and that file solved: the answer
must not change. Every disagreement is printed with its model file, kept in --keep (a fresh temporary folder by default).
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel")

COEFFICIENTS = [Fraction(k) for k in range(-6, 7) if k] + [Fraction(k, 2) for k in (-5, -3, -1, 1, 3, 5)] + [Fraction(5, 4), Fraction(-3, 4)]
# A "wide" model also draws these: decimals that are not binary fractions, and magnitudes far apart.
WIDE = [Fraction(1, 10), Fraction(-3, 10), Fraction(7, 100), Fraction(1000), Fraction(-250), Fraction(1, 1000), Fraction(12345, 100)]


# ---------------------------------------------------------------------------------------------------------------- model

class Var:
    def __init__(self, name, lb, ub, integer, cost):
        self.name, self.lb, self.ub, self.integer, self.cost = name, lb, ub, integer, cost  # lb/ub: Fraction or None (infinite)


class Row:
    def __init__(self, name, terms, lo, hi):
        self.name, self.terms, self.lo, self.hi = name, terms, lo, hi  # terms: {var index: Fraction}; lo/hi: Fraction or None


def small(rng, lo, hi, halves=0.25):
    """A number in [lo, hi], an integer or (with probability `halves`) a half."""
    v = Fraction(rng.randint(lo, hi))
    return v + Fraction(1, 2) if rng.random() < halves and v < hi else v


def random_bounds(rng, integer):
    r = rng.random()
    if integer and r < 0.15:
        return Fraction(0), Fraction(1)                       # binary
    if r < 0.40:
        return Fraction(0), None                              # the default [0, +inf)
    if r < 0.65:
        lo = small(rng, -4, 3, 0 if integer else 0.25)
        return lo, lo + small(rng, 0, 6, 0 if integer else 0.25)
    if r < 0.75:
        return None, None                                     # free
    if r < 0.83:
        return None, small(rng, -4, 5, 0 if integer else 0.25)  # (-inf, u]
    if r < 0.93:
        return small(rng, -5, 2, 0 if integer else 0.25), None  # [l, +inf)
    v = small(rng, -3, 3, 0 if integer else 0.25)
    return v, v                                               # fixed


def reference_point(rng, var):
    """A value within the variable's bounds (integer for an integer variable): the rows are built around such points."""
    lo = var.lb if var.lb is not None else (var.ub - rng.randint(0, 4) if var.ub is not None else Fraction(rng.randint(-3, 3)))
    hi = var.ub if var.ub is not None else lo + rng.randint(0, 4)
    if var.integer:
        a, b = -((-lo.numerator) // lo.denominator), hi.numerator // hi.denominator  # ceil(lo), floor(hi)
        return Fraction(rng.randint(a, b)) if a <= b else lo
    return lo + (hi - lo) * Fraction(rng.randint(0, 4), 4)


def random_model(rng, size, mip):
    """A model of one flavour: plain; wide (decimals such as 0.1 and magnitudes from 1/1000 to 1000); degenerate (repeated
    rows, rows of one variable, empty rows, a zero objective)."""
    flavour = rng.choice(["plain", "plain", "wide", "degenerate"])
    pool = COEFFICIENTS + WIDE if flavour == "wide" else COEFFICIENTS
    n = rng.randint(1, size)
    m = rng.randint(0, size)
    zero_objective = flavour == "degenerate" and rng.random() < 0.3
    variables = []
    for j in range(n):
        integer = mip and rng.random() < 0.6
        lb, ub = random_bounds(rng, integer)
        cost = rng.choice(pool) if rng.random() < 0.85 and not zero_objective else Fraction(0)
        variables.append(Var(f"x{j}", lb, ub, integer, cost))
    if mip and not any(v.integer for v in variables):
        variables[0].integer = True  # its bounds may be halves: an integer in [0.5, 2.5] is one in [1, 2] for both solvers
    x0 = [reference_point(rng, v) for v in variables]
    rows = []
    for i in range(m):
        if flavour == "degenerate" and rows and rng.random() < 0.25:
            terms = dict(rng.choice(rows).terms)                          # a repeated row (its bounds drawn anew)
        elif flavour == "degenerate" and rng.random() < 0.25:
            terms = {rng.randrange(n): rng.choice(pool)}                  # a bound written as a row
        elif flavour == "degenerate" and rng.random() < 0.1:
            terms = {}                                                    # an empty row: 0 within its bounds, or not
        else:
            terms = {j: rng.choice(pool) for j in range(n) if rng.random() < 0.6} or {rng.randrange(n): rng.choice(pool)}
        activity = sum(a * x0[j] for j, a in terms.items())
        if rng.random() < 0.2:
            # Off the reference point: may leave no point at all (a half off an integer row: maybe no integer point).
            activity += rng.choice([Fraction(-7, 2), Fraction(-1), Fraction(1, 2), Fraction(3), Fraction(-5)])
        kind = rng.random()
        slack = small(rng, 0, 4)
        if kind < 0.35:
            lo, hi = None, activity + slack
        elif kind < 0.65:
            lo, hi = activity - slack, None
        elif kind < 0.85:
            lo = hi = activity
        else:
            lo, hi = activity - slack, activity + small(rng, 1, 4)
        rows.append(Row(f"r{i}", terms, lo, hi))
    return {"sense": rng.choice(["min", "max"]), "vars": variables, "rows": rows}


# ---------------------------------------------------------------------------------------------------------------- files

def num(v):
    """The exact decimal of v: '-2.5', '3', '0.075' (every generated number has a finite decimal form)."""
    if v.denominator == 1:
        return str(v.numerator)
    k = next(k for k in range(1, 40) if 10 ** k % v.denominator == 0)
    digits = str(abs(v.numerator) * (10 ** k // v.denominator)).rjust(k + 1, "0")
    return ("-" if v < 0 else "") + (digits[:-k] + "." + digits[-k:]).rstrip("0")


def write_mps(model, rng):
    vs, rows = model["vars"], model["rows"]
    out = ["NAME fuzz"]
    if model["sense"] == "max":
        out += ["OBJSENSE", "    MAX"]
    out += ["ROWS", " N obj"]
    kinds = []
    for r in rows:
        k = "E" if r.lo is not None and r.lo == r.hi else "L" if r.lo is None else "G" if r.hi is None else rng.choice("LGE")
        kinds.append(k)
        out.append(f" {k} {r.name}")
    out.append("COLUMNS")
    columns = {j: [] for j in range(len(vs))}
    for i, r in enumerate(rows):
        for j, a in r.terms.items():
            columns[j].append((r.name, a))
    in_int, marker = False, 0
    for j, v in enumerate(vs):
        if v.integer != in_int:
            out.append(f"    M{marker} 'MARKER' '{'INTORG' if v.integer else 'INTEND'}'")
            marker, in_int = marker + 1, v.integer
        entries = ([("obj", v.cost)] if v.cost != 0 or not columns[j] else []) + columns[j]
        for name, a in entries:
            out.append(f"    {v.name} {name} {num(a)}")
    if in_int:
        out.append(f"    M{marker} 'MARKER' 'INTEND'")
    out.append("RHS")
    ranges = []
    for r, k in zip(rows, kinds):
        if r.lo is not None and r.hi is not None and r.lo != r.hi:
            # A range: an L row at hi, a G row at lo, or an E row at either end with R's sign telling which (the standard table).
            rhs = {"L": r.hi, "G": r.lo, "E": rng.choice([r.lo, r.hi])}[k]
            width = r.hi - r.lo
            ranges.append((r.name, width if k != "E" or rhs == r.lo else -width))
        else:
            rhs = r.hi if r.lo is None else r.lo
        if rhs != 0 or rng.random() < 0.3:
            out.append(f"    RHS {r.name} {num(rhs)}")
    if ranges:
        out.append("RANGES")
        out += [f"    RNG {name} {num(w)}" for name, w in ranges]
    out.append("BOUNDS")
    for v in vs:
        lb, ub = v.lb, v.ub
        if v.integer and lb == 0 and ub == 1:
            out += rng.choice([[], [f" BV BND {v.name}"], [f" UP BND {v.name} 1"]])  # nothing: binary by the marker default
        elif lb is not None and ub is not None and lb == ub:
            out.append(f" FX BND {v.name} {num(lb)}")
        elif lb is None and ub is None:
            out.append(f" FR BND {v.name}")
        elif lb is None:
            out += [f" UP BND {v.name} {num(ub)}"] if ub < 0 and rng.random() < 0.5 else [f" MI BND {v.name}", f" UP BND {v.name} {num(ub)}"]
        else:
            if v.integer or lb != 0 or rng.random() < 0.5:  # an integer column must name its bound, or it reads as binary
                out.append(f" {'LI' if v.integer and rng.random() < 0.3 else 'LO'} BND {v.name} {num(lb)}")
            if ub is not None:
                out.append(f" UP BND {v.name} {num(ub)}")
            elif rng.random() < 0.2:
                out.append(f" PL BND {v.name}")
    out.append("ENDATA")
    return "\n".join(out) + "\n"


def terms_text(vs, terms):
    parts = []
    for j, a in terms.items():
        sign = "-" if a < 0 else "+"
        parts.append(f"{sign} {num(abs(a))} {vs[j].name}")
    return " ".join(parts) if parts else f"0 {vs[0].name}"


def write_lp(model, rng):
    vs, rows = model["vars"], model["rows"]
    out = ["Maximize" if model["sense"] == "max" else "Minimize"]
    out.append(" obj: " + terms_text(vs, {j: v.cost for j, v in enumerate(vs)}))  # every variable, zeros too
    out.append("Subject To")
    for r in rows:
        e = terms_text(vs, r.terms)
        if r.lo is not None and r.hi is not None and r.lo != r.hi:
            out.append(f" {r.name}: {num(r.lo)} <= {e} <= {num(r.hi)}")
        elif r.lo is None:
            out.append(f" {r.name}: {e} <= {num(r.hi)}")
        elif r.hi is None:
            out.append(f" {r.name}: {e} >= {num(r.lo)}")
        else:
            out.append(f" {r.name}: {e} = {num(r.lo)}")
    out.append("Bounds")
    binaries = []
    for v in vs:
        lb, ub = v.lb, v.ub
        if v.integer and lb == 0 and ub == 1 and rng.random() < 0.5:
            binaries.append(v.name)
        elif lb is not None and ub is not None and lb == ub:
            out.append(f" {v.name} = {num(lb)}")
        elif lb is None and ub is None:
            out.append(f" {v.name} free")
        elif lb is None:
            out.append(f" -inf <= {v.name} <= {num(ub)}")
        elif ub is None:
            if lb != 0 or rng.random() < 0.5:
                out.append(f" {v.name} >= {num(lb)}")
        else:
            out.append(f" {num(lb)} <= {v.name} <= {num(ub)}")
    generals = [v.name for v in vs if v.integer and v.name not in binaries]
    if generals:
        out += ["General"] + [f" {n}" for n in generals]
    if binaries:
        out += ["Binary"] + [f" {n}" for n in binaries]
    out.append("End")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------------------- solvers

def highs(model, zero_objective=False, presolve=True):
    """(status, objective, point) by SciPy's HiGHS: status 'optimal', 'infeasible', 'unbounded', 'ambiguous' or 'limit'."""
    vs, rows = model["vars"], model["rows"]
    sign = -1.0 if model["sense"] == "max" else 1.0
    c = np.array([0.0 if zero_objective else sign * float(v.cost) for v in vs])
    # An integer's bounds are rounded inwards (the same model): HiGHS 1.2-1.4 (SciPy 1.10) can return x = 6.5 for an
    # integer x <= 6.5.
    lb = np.array([-np.inf if v.lb is None else float(-((-v.lb.numerator) // v.lb.denominator) if v.integer else v.lb) for v in vs])
    ub = np.array([np.inf if v.ub is None else float(v.ub.numerator // v.ub.denominator if v.integer else v.ub) for v in vs])
    A = np.zeros((len(rows), len(vs)))
    for i, r in enumerate(rows):
        for j, a in r.terms.items():
            A[i, j] = float(a)
    lo = np.array([-np.inf if r.lo is None else float(r.lo) for r in rows])
    hi = np.array([np.inf if r.hi is None else float(r.hi) for r in rows])
    integrality = np.array([1 if v.integer else 0 for v in vs])
    if integrality.any():
        res = milp(c, integrality=integrality, bounds=Bounds(lb, ub),
                   constraints=[LinearConstraint(A, lo, hi)] if rows else None,
                   options={"mip_rel_gap": 0, "time_limit": 60, "presolve": presolve})
    else:
        A_ub = np.vstack([A[np.isfinite(hi)], -A[np.isfinite(lo)]]) if rows else None
        b_ub = np.concatenate([hi[np.isfinite(hi)], -lo[np.isfinite(lo)]]) if rows else None
        if A_ub is not None and A_ub.shape[0] == 0:
            A_ub = b_ub = None
        bounds = [(None if np.isinf(a) else a, None if np.isinf(b) else b) for a, b in zip(lb, ub)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs", options={"presolve": presolve})
    status = {0: "optimal", 1: "limit", 2: "infeasible", 3: "unbounded"}.get(res.status, "ambiguous")
    if status == "ambiguous" and "unbounded or infeasible" not in (res.message or "").lower():
        status = "error: " + (res.message or str(res.status))
    objective = sign * res.fun if status == "optimal" else None
    return status, objective, (list(res.x) if status == "optimal" else None)


def highs_settled(model):
    """
    HiGHS's verdict, an infeasible, unbounded or ambiguous one checked against a zero-objective solve (feasible there
    means unbounded). Where HiGHS called a model infeasible that has a point, it is solved again without presolve, which
    in HiGHS 1.2-1.4 (SciPy 1.10) can call an unbounded LP infeasible.
    """
    status, objective, point = highs(model)
    if status in ("infeasible", "unbounded", "ambiguous"):
        feasible, _, feasible_point = highs(model, zero_objective=True)
        if feasible == "optimal" and status == "infeasible":
            status, objective, point = highs(model, presolve=False)
            if status not in ("optimal", "unbounded"):
                status = "highs-inconsistent"
        elif feasible == "optimal":
            status, point = "unbounded", feasible_point
        elif feasible == "infeasible":
            status, point = "infeasible", None
        else:
            status = "highs-" + feasible
    return status, objective, point


def violation(model, x, exact):
    """Why point x (by variable name) is not integer-feasible, or None: exactly for Fractions, within 1e-6 for floats."""
    tol = 0 if exact else 1e-6
    for v in model["vars"]:
        value = x[v.name]
        if v.lb is not None and value < v.lb - tol or v.ub is not None and value > v.ub + tol:
            return f"{v.name} = {value} outside [{v.lb}, {v.ub}]"
        if v.integer and abs(value - round(value)) > tol:
            return f"integer {v.name} = {value}"
    for r in model["rows"]:
        a = sum(c * x[model["vars"][j].name] for j, c in r.terms.items())
        if r.lo is not None and a < r.lo - tol or r.hi is not None and a > r.hi + tol:
            return f"row {r.name}: {a} outside [{r.lo}, {r.hi}]"
    return None


def objective_of(model, x):
    return sum(v.cost * x[v.name] for v in model["vars"])


def improving_ray(model, d):
    """Whether d (exact, by name) stays within every infinite bound and row and improves the objective: from a feasible
    (integer) point it gives feasible points without bound (integer ones along a whole multiple of d)."""
    if d is None:
        return False
    for v in model["vars"]:
        if v.lb is not None and d.get(v.name, 0) < 0 or v.ub is not None and d.get(v.name, 0) > 0:
            return False
    for r in model["rows"]:
        a = sum(c * d.get(model["vars"][j].name, 0) for j, c in r.terms.items())
        if r.lo is not None and a < 0 or r.hi is not None and a > 0:
            return False
    gain = sum(v.cost * d.get(v.name, 0) for v in model["vars"])
    return gain > 0 if model["sense"] == "max" else gain < 0


def judge(model, mine, my_point, my_ray, theirs, their_point):
    """Who is provably wrong when the answers differ: a claimed point that is not feasible, or an optimum that a
    feasible point of the other side beats. Returns 'HiGHS', 'ours' or None (undecided)."""
    better = (lambda a, b: a > b + 1e-9) if model["sense"] == "max" else (lambda a, b: a < b - 1e-9)
    theirs_ok = their_point is not None and violation(model, their_point, exact=False) is None
    mine_ok = my_point is not None and violation(model, my_point, exact=True) is None
    if their_point is not None and not theirs_ok:
        return "HiGHS"
    if my_point is not None and not mine_ok:
        return "ours"
    if mine == "unbounded" and mine_ok and improving_ray(model, my_ray):
        return "HiGHS"
    if mine == "optimal" and theirs == "optimal":
        if better(float(objective_of(model, my_point)), float(objective_of(model, their_point))):
            return "HiGHS"
        return "ours"
    if theirs == "infeasible" and mine_ok:
        return "HiGHS"
    if mine == "infeasible" and theirs_ok:
        return "ours"
    return None


def ours(cli, path, timeout, extra=()):
    """(status, objective, exact point and ray by name, certified, exit code, message) from `wdnaccel lp PATH --json`."""
    try:
        p = subprocess.run([cli, "lp", path, "--json", *extra], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", None, None, None, False, None, f"no answer within {timeout} s"
    if p.returncode not in (0, 1, 3) or not p.stdout.strip():
        return "error", None, None, None, False, p.returncode, p.stderr.strip()
    answer = json.loads(p.stdout)
    exact = answer.get("objective_exact")
    objective = float(Fraction(exact)) if exact else answer.get("objective_value")
    point = {k: Fraction(v) for k, v in answer["solution_exact"].items()} if answer.get("solution_exact") else None
    certificate = answer.get("certificate") or {}
    ray = {k: Fraction(v) for k, v in certificate["direction"].items()} if certificate.get("type") == "ray" else None
    return answer["status"], objective, point, ray, answer.get("certified", False), p.returncode, answer.get("certificate_failure") or ""


# ---------------------------------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1, help="seed of the whole run (model k uses seed*100003 + k)")
    ap.add_argument("--count", type=int, default=300, help="models to generate")
    ap.add_argument("--size", type=int, default=6, help="at most this many variables and rows per model")
    ap.add_argument("--mip-share", type=float, default=0.5, help="share of the models with integer variables")
    ap.add_argument("--format", choices=["mps", "lp", "both"], default="both", help="file format (both: alternate)")
    ap.add_argument("--rtol", type=float, default=1e-6, help="relative tolerance on optimal objectives")
    ap.add_argument("--cli", default=DEFAULT_CLI, help="the wdnaccel executable")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per wdnaccel run")
    ap.add_argument("--keep", help="folder for the model files (default: a fresh temporary folder)")
    ap.add_argument("--no-round-trip", action="store_true",
                    help="skip writing each parsed model back (--write-model, cycling .lp, .mps, .json) and solving that file too")
    args = ap.parse_args()
    if not os.path.exists(args.cli):
        sys.exit(f"{args.cli} not found: build it first (dotnet build -c Release src/WdnAccel.Cli)")
    keep = args.keep or tempfile.mkdtemp(prefix="lp-vs-highs-")
    os.makedirs(keep, exist_ok=True)

    counts, disagreements, highs_wrong, limits, uncertified, round_trips, no_answer = {}, [], [], [], [], [], []
    largest_gap = 0.0
    for k in range(args.count):
        rng = random.Random(args.seed * 100003 + k)
        mip = rng.random() < args.mip_share
        model = random_model(rng, args.size, mip)
        fmt = args.format if args.format != "both" else ("mps" if k % 2 == 0 else "lp")
        path = os.path.join(keep, f"model-{args.seed}-{k}.{fmt}")
        with open(path, "w") as f:
            f.write(write_mps(model, rng) if fmt == "mps" else write_lp(model, rng))
        theirs, their_obj, their_x = highs_settled(model)
        their_point = None if their_x is None else {v.name: their_x[j] for j, v in enumerate(model["vars"])}
        written = os.path.join(keep, f"model-{args.seed}-{k}-written.{('lp', 'mps', 'json')[k % 3]}")
        mine, my_obj, my_point, my_ray, certified, code, message = ours(
            args.cli, path, args.timeout, () if args.no_round_trip else ("--write-model", written))
        if not args.no_round_trip and mine not in ("error", "timeout"):
            # The model as we wrote it must give the same answer, exactly.
            again = ours(args.cli, written, args.timeout)
            if (again[0], again[1]) != (mine, my_obj):
                round_trips.append((written, f"ours {again[0]} {again[1]!r} from the written model, {mine} {my_obj!r} from {path}"))
        kind = "MILP" if mip else "LP"
        counts[(kind, theirs)] = counts.get((kind, theirs), 0) + 1
        if mine in ("node_limit", "time_limit", "iteration_limit"):
            limits.append((path, mine, theirs, message))
            continue
        if mine in ("optimal", "infeasible", "unbounded") and not certified:
            uncertified.append((path, mine, message))
        if theirs.startswith("highs-") or theirs.startswith("error") or theirs == "limit":
            verified = mine == "unbounded" and my_point is not None and violation(model, my_point, exact=True) is None and improving_ray(model, my_ray)
            no_answer.append((path, f"HiGHS: {theirs}; ours: {mine}{' (point and ray checked here)' if verified else ''}"))
            continue
        what = None
        if mine != theirs:
            what = f"status: ours {mine} (exit {code}{': ' + message if message else ''}), HiGHS {theirs}"
        elif mine == "optimal":
            gap = abs(my_obj - their_obj) / max(1.0, abs(my_obj), abs(their_obj))
            if gap <= args.rtol:
                largest_gap = max(largest_gap, gap)
            else:
                what = f"objective: ours {my_obj!r}, HiGHS {their_obj!r} (relative gap {gap:.3g})"
        if what is None:
            continue
        wrong = judge(model, mine, my_point, my_ray, theirs, their_point)
        if wrong == "HiGHS":
            reason = violation(model, their_point, exact=False) if their_point else None
            highs_wrong.append((path, what + (f"; HiGHS's point fails: {reason}" if reason else
                                              "; our exact feasible point and improving ray check" if mine == "unbounded" else
                                              "; our exact point is feasible" if theirs == "infeasible" else
                                              "; our exact, feasible point is better")))
        else:
            disagreements.append((path, what + ("; our point fails: " + str(violation(model, my_point, exact=True)) if wrong == "ours" else "")))

    total = args.count
    print(f"{total} models (seed {args.seed}, size <= {args.size}, format {args.format}), files in {keep}")
    for kind in ("LP", "MILP"):
        line = ", ".join(f"{s} {n}" for (kk, s), n in sorted(counts.items()) if kk == kind)
        print(f"  {kind}: {sum(n for (kk, _), n in counts.items() if kk == kind)} (by HiGHS: {line})")
    agreed = total - len(disagreements) - len(highs_wrong) - len(limits) - len(no_answer)
    print(f"  agreed: {agreed}; largest relative objective gap where both are optimal and agree: {largest_gap:.3g} (tolerance {args.rtol:g})")
    print(f"  our limits (node/time/iteration, no answer claimed): {len(limits)}")
    for path, mine, theirs, message in limits:
        print(f"    {path}: {mine} (HiGHS: {theirs}) {message}")
    print(f"  HiGHS without an answer (its limit, or contradicting itself): {len(no_answer)}")
    for path, what in no_answer:
        print(f"    {path}: {what}")
    print(f"  answered but not certified: {len(uncertified)}")
    for path, mine, message in uncertified:
        print(f"    {path}: {mine}: {message}")
    print(f"  HiGHS provably wrong (its point fails a check, or our exact feasible point, or point and ray, beat its optimum): {len(highs_wrong)}")
    for path, what in highs_wrong:
        print(f"    {path}: {what}")
    if not args.no_round_trip:
        print(f"  round trips (--write-model, then the written file) that changed our answer: {len(round_trips)}")
        for path, what in round_trips:
            print(f"    {path}: {what}")
    print(f"  disagreements: {len(disagreements)}")
    for path, what in disagreements:
        print(f"    {path}: {what}")
    sys.exit(1 if disagreements or round_trips else 0)


if __name__ == "__main__":
    main()
