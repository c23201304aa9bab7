#!/usr/bin/env python3
"""Fits the Lishui case's per-plant production costs (PRODUCTION in tools/build-lishui.py) to Table 12's total annual
costs of Plans 1-3 (6202.15, 5701.53, 5924.55 x 10^4 yuan). The annual cost is linear in them: F1 = 365 p_i P_i / 10^4
with P_i the plant's gross production (m3/d), which a priced plan fixes, so three plans give a 3 x 3 linear system,
solved exactly and rounded to 0.0001 yuan/m3. Prices each plan with the built CLI; run after `dotnet build -c Release`
and again after any change to what the plans are priced with, then paste the printed line into build-lishui.py.

    python3 tools/fit-lishui-production.py [SCENARIO] [sinking_fund|capital_recovery]"""
import json, os, re, subprocess, sys, tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel")
TABLE12 = [6202.15, 5701.53, 5924.55]
PLANTS = ["13", "14", "15"]
scenario = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "scenarios", "lishui-2030.json")
annuity = sys.argv[2] if len(sys.argv) > 2 else "sinking_fund"
text = open(scenario, encoding="utf-8").read().replace('"annuity": "sinking_fund"', f'"annuity": "{annuity}"')


def price(costs, plan):
    t = text
    for pid, v in costs.items():  # the first production_cost after the node's id
        t = re.sub(r'("id": "%s",(?:(?!"id")[\s\S])*?"production_cost": )[0-9.eE+-]+' % pid, lambda m: m.group(1) + repr(v), t, count=1)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "lishui.json")
        with open(path, "w", encoding="utf-8") as f: f.write(t)
        out = subprocess.run([CLI, "allocate", path, "--plan", os.path.join(ROOT, "data", "plans", f"lishui-2030-plan{plan}.json"), "--json"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def solve3(a, b):  # Cramer's rule
    det = lambda m: (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                     + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))
    return [det([[b[r] if c == k else a[r][c] for c in range(3)] for r in range(3)]) / det(a) for k in range(3)]


a, rest = [], []
for k in range(3):
    d = price({p: 0.3 for p in PLANTS}, k + 1)
    production = {p["id"]: p["production"] for p in d["plants"]}
    a.append([365 * production.get(p, 0) / 1e4 for p in PLANTS])
    rest.append(d["annual_cost"] - sum(p["cost_breakdown"]["F1"] for p in d["plants"]))
exact = solve3(a, [TABLE12[k] - rest[k] for k in range(3)])
fit = [round(v, 4) for v in exact]
print("exact:", ", ".join(f"{v:.6f}" for v in exact))
if min(fit) < 0: sys.exit("a negative production cost: the scenario refuses it (the capital-recovery annuity does this)")
for k in range(3):
    annual = price(dict(zip(PLANTS, fit)), k + 1)["annual_cost"]
    print(f"Plan {k + 1}: {annual:.2f} vs Table 12 {TABLE12[k]:.2f} ({annual - TABLE12[k]:+.2f})")
print("PRODUCTION = {" + ", ".join(f"{p}: {v}" for p, v in zip(PLANTS, fit)) + "}")
