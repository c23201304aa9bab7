#!/usr/bin/env python3
"""Writes the Lishui case's scenarios and plan files from the tables of Zhang et al. (2025), "Optimization of Water
Quantity Allocation in Multi-Source Urban Water Supply Systems Using Graph Theory", Water 17(1):61 (Tables 1-11).
Values the paper does not give (intake distances, production cost) are marked as assumptions in the output."""
import json, os, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
TENK = 1e4  # the paper's flows are in 10^4 m3/d

# Table 2: latitude, longitude, elevation (m); Table 3: kind (1 demand, 2 plant, 3 intermediate, 4 pumping station);
# Table 6: elevation / pressure class (1 low, 2 medium, 3 high).
COORDS = {1: (28.473303, 119.912303, 93), 2: (28.456697, 119.928006, 57), 3: (28.449489, 119.949856, 55),
          4: (28.479761, 119.870692, 96), 5: (28.465558, 119.852747, 58), 6: (28.438514, 119.830431, 60),
          7: (28.420017, 119.853283, 69), 8: (28.441139, 119.898989, 59), 9: (28.404183, 119.869322, 111),
          10: (28.380639, 119.876586, 125), 11: (28.408886, 119.893725, 71), 12: (28.411542, 119.916789, 106),
          13: (28.481736, 119.932258, 106), 14: (28.422981, 119.878731, 53), 15: (28.377767, 119.882178, 131),
          16: (28.450297, 119.849547, 87), 17: (28.450508, 119.863764, 97), 18: (28.433933, 119.920872, 72),
          19: (28.459439, 119.844161, 62), 20: (28.392205, 119.862497, 100)}
KIND = {**{n: "demand" for n in range(1, 13)}, 13: "supply", 14: "supply", 15: "supply",
        **{n: "intermediate" for n in range(16, 20)}, 20: "pump_station"}
CLASS = {1: 2, 2: 1, 3: 1, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 2, 10: 3, 11: 2, 12: 2, 13: 3, 14: 1, 15: 3,
         16: 1, 17: 1, 18: 1, 19: 1, 20: 1}
NAMES = {13: "Tianning water plant", 14: "Shuige water plant", 15: "Hucun water plant", 20: "pumping station"}
# Table 1 (roads; * = planning year only) and Table 4 (construction difficulty K-hard).
ROADS = {1: (13, 1), 2: (13, 2), 3: (2, 3), 4: (13, 4), 5: (14, 7), 6: (14, 8), 7: (14, 9), 8: (14, 11), 9: (14, 18),
         10: (8, 2), 11: (9, 11), 12: (9, 20), 13: (11, 12), 14: (6, 7), 15: (17, 8), 16: (6, 16), 17: (14, 17),
         18: (7, 17), 19: (16, 19), 20: (17, 16), 21: (18, 3), 22: (20, 10), 23: (15, 10), 24: (15, 11), 25: (15, 12),
         26: (4, 5), 27: (19, 5), 28: (2, 19), 29: (7, 9), 30: (8, 18), 31: (2, 1), 32: (18, 12), 33: (3, 15), 34: (16, 7)}
PLANNED = {6, 9, 23, 24, 25, 32}
# Table 4 prints four (road, difficulty) column pairs per row, roads 1-9, 10-18, 19-27, 28-34; flattened, row 1 reads
# "1 0 | 10 1 | 19 1 | 28 0" and row 3 "3 1 | 12 0 | 21 0 | 30 0", every other entry 0: roads 3, 10 and 19 are difficult.
HARD = {3: 1, 10: 1, 19: 1}
# Table 5: pipeline loss from plants 13, 14, 15 to units 1-12 (0 = only through a pumping station).
LOSS = {1: (7.03, 0, 0), 2: (8.12, 16.63, 23.88), 3: (14.10, 19.59, 24.66), 4: (16.93, 0, 0), 5: (20.81, 17.90, 24.28),
        6: (24.60, 15.57, 21.58), 7: (24.56, 8.19, 16.78), 8: (16.26, 8.64, 20.30), 9: (0, 6.84, 11.65),
        10: (0, 15.15, 2.16), 11: (0, 6.70, 10.29), 12: (0, 13.00, 14.08)}
# Table 7: demand lower bounds, 10^4 m3/d.
DEMAND = {2023: [1.1680, 5.5640, 0.7624, 1.6384, 1.4113, 1.3464, 3.6661, 0.7949, 2.6766, 4.4285, 1.7033, 1.9304],
          2030: [1.7267, 8.2258, 1.1272, 2.4222, 2.0864, 1.9905, 5.4199, 1.1751, 3.9570, 6.5471, 2.5181, 2.8539]}
PLANTS = (13, 14, 15)
# Tables 8-11: net allocation (without pipeline loss), rows = units 1-12, columns = Tianning, Shuige, Hucun.
PLANS = {
    # Table 8's right-hand block; its heading says "current", but the text says the current allocation has Tianning
    # serve unit 5 across the Oujiang and the optimization removes that: this block is the optimized one.
    "2023-paper-optimized": [(1.1680, 0, 0), (1.9598, 2.5231, 1.0811), (0.5947, 0.1677, 0), (1.6384, 0, 0), (0, 1.4113, 0),
                     (0, 1.3464, 0), (0, 2.9027, 0.7633), (0.1612, 0.2606, 0.3730), (1.9395, 0, 0.7370), (0, 0, 4.4285),
                     (0.9242, 0, 0.7791), (0.8891, 0, 1.0412)],
    # Table 8's left-hand block (headed "optimization results"): Tianning serves unit 5, the current allocation per the text.
    "2023-current": [(1.1680, 0, 0), (1.9598, 2.5231, 1.0811), (0.5947, 0.1677, 0), (1.6384, 0, 0), (0.5645, 0.8468, 0),
                             (0, 1.3464, 0), (0, 2.9672, 0.6989), (0.1612, 0.2606, 0.3730), (1.9395, 0, 0.7370), (0, 0, 4.4285),
                             (0.9242, 0, 0.7791), (0.8891, 0, 1.0412)],
    "2030-plan1": [(1.7267, 0, 0), (8.2258, 0, 0), (0, 1.1272, 0), (2.4222, 0, 0), (0.7598, 1.2182, 0.1084),
                   (0.6033, 0.6506, 0.7366), (0, 4.6318, 0.7881), (0.4432, 0.4784, 0.2535), (3.0370, 0.7072, 0.2128),
                   (0.8197, 0, 5.7274), (2.5181, 0, 0), (1.6265, 0, 1.2273)],
    "2030-plan2": [(1.7267, 0, 0), (1.8856, 0.3122, 6.0280), (0.8203, 0, 0.3069), (2.4222, 0, 0), (0, 1.0566, 1.0299),
                   (0.1834, 1.8071, 0), (0, 5.4199, 0), (0.2940, 0, 0.8811), (0, 0, 3.9570), (0, 0, 6.5471),
                   (0.1945, 0, 2.3236), (1.4237, 0, 1.4301)],
    "2030-plan3": [(1.7267, 0, 0), (0, 0, 8.2258), (0, 0, 1.1272), (2.4222, 0, 0), (0, 0, 2.0864), (0, 0, 1.9905),
                   (0, 0, 5.4199), (0, 0, 1.1751), (0, 0, 3.9570), (4.2011, 0, 2.3459), (0, 0, 2.5181), (1.0245, 0, 1.8294)],
}
# Plant configurations (section 4.1.2), 10^4 m3/d. Existing: 10 each (section 3). Intake lengths for NEW capacity are
# not in the paper: assumed from the map distances of Tankeng reservoir to Tianning (36 km) and Hucun (29 km), and of
# the Yuxi line rerouted to Hucun (15 km); Plan 3 weights Hucun's two new intakes by capacity (20 x 29 + 10 x 15) / 30.
# Unit production costs (yuan/m3) are not in the paper. Fitted so that pricing Plans 1-3 with the sinking-fund annuity
# reproduces Table 12's total annual costs (6202.15, 5701.53, 5924.55 x 10^4 yuan): the cost is linear in them, so the
# fit is an exact 3 x 3 solve, rounded to 0.0001 yuan/m3 (the plans then come within 0.5 x 10^4 yuan of the totals);
# redo it (tools/fit-lishui-production.py) whenever anything else the plans are priced with changes.
# docs/multi-source-allocation.md shows the fit and the base-year check it was not fitted to.
PRODUCTION = {13: 0.3678, 14: 0.3783, 15: 0.2459}
CONFIG = {
    # Base year: Table 8's allocations send up to 10.7 gross from a plant of 10 with Table 5's (planning-year) losses,
    # so the base-year scenario does not bind capacity (11 each).
    "2023": {13: (11, 0), 14: (11, 0), 15: (11, 0)},
    "plan1": {13: (30, 36), 14: (10, 0), 15: (10, 0)},
    "plan2": {13: (10, 0), 14: (10, 0), 15: (30, 29)},
    "plan3": {13: (10, 0), 14: (0, 0), 15: (40, round((20 * 29 + 10 * 15) / 30, 3))},
}


def node(n, year, config):
    lat, lon, elev = COORDS[n]
    d = {"id": str(n), "kind": KIND[n], "latitude": lat, "longitude": lon, "elevation": elev, "pressure_zone": CLASS[n]}
    if n in NAMES: d["name"] = NAMES[n]
    if KIND[n] == "demand": d["demand"] = round(DEMAND[year][n - 1] * TENK, 6)
    if KIND[n] == "supply":
        cap, km = config[n]
        d.update({"capacity": cap * TENK, "existing_capacity": 10 * TENK, "intake_distance": km, "production_cost": PRODUCTION[n]})
    return d


def scenario(year, config, name, note):
    return {
        "format": "wdnaccel-scenario", "version": 1, "name": name,
        "graph_allocation": {
            "nodes": [node(n, year, config) for n in sorted(COORDS)],
            "edges": [{"from": str(a), "to": str(b), "difficulty": HARD.get(r, 0), **({"planned": True} if r in PLANNED else {})}
                      for r, (a, b) in sorted(ROADS.items())],
            "losses": [{"plant": str(p), "unit": str(u), "loss": LOSS[u][k] / 100} for u in range(1, 13) for k, p in enumerate(PLANTS)],
            "include_planned": year == 2030,
            "annuity": "sinking_fund",
            "currency_unit": "10^4 yuan",
            "parameters": {},
        },
        "_note": note,
    }


def plan(key, config):
    rows = PLANS[key]
    return {
        "format": "wdnaccel-allocation-plan", "version": 1, "name": f"Lishui {key.replace('-', ' ')}",
        "plants": [{"id": str(p), "capacity": cap * TENK, "intake_distance": km} for p, (cap, km) in config.items()],
        "allocation": [{"plant": str(p), "unit": str(u + 1), "flow": round(rows[u][k] * TENK, 6)}
                       for u in range(12) for k, p in enumerate(PLANTS) if rows[u][k] > 0],
    }


def write(path, doc):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    note = doc.pop("_note", None)
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    if note: text = text.replace('{\n "format"', '{\n // ' + note + '\n "format"', 1)
    with open(full, "w", encoding="utf-8") as f: f.write(text + "\n")


write("data/scenarios/lishui-2030.json", scenario(2030, CONFIG["plan2"], "Lishui multi-source allocation, 2030 (Plan 2 plants)",
      "Lishui City central area, 2030 (Zhang et al. 2025, Water 17(1):61, Tables 1-7); plants as in Plan 2; tools/build-lishui.py writes this file"))
write("data/scenarios/lishui-2023.json", scenario(2023, CONFIG["2023"], "Lishui multi-source allocation, 2023 base year",
      "Lishui City central area, base year 2023 (Zhang et al. 2025, Tables 1-7, without the planned roads); tools/build-lishui.py writes this file"))
for key, cfg in [("2023-current", "2023"), ("2023-paper-optimized", "2023"), ("2030-plan1", "plan1"), ("2030-plan2", "plan2"), ("2030-plan3", "plan3")]:
    write(f"data/plans/lishui-{key}.json", plan(key, CONFIG[cfg]))
