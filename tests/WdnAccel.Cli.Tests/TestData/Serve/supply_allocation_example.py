"""The supply allocation guide's Python example, run against `wdnaccel serve` instead of the hosted solver.

Everything below the marker line is the guide's example as printed, except the API_URL line, which points at the
local server (WDNACCEL_API_URL, default http://127.0.0.1:8080/api/v2). The guide's Authorization header is sent and
ignored. The example imports httpx; where it is not installed, a stand-in with the one call the example makes
(httpx.post(url, headers=..., json=...).json()) is built on the standard library, so this runs without network or
packages. Proxies from the environment are not used: the server is on this machine.
"""
import os
import sys
import types

try:
    import httpx  # noqa: F401  (the real client, when installed)
except ImportError:
    import json as _json
    import urllib.error
    import urllib.request

    class _Response:
        def __init__(self, status_code, body):
            self.status_code = status_code
            self._body = body

        def json(self):
            return _json.loads(self._body)

    def _post(url, headers=None, json=None, timeout=60):
        request = urllib.request.Request(
            url, data=_json.dumps(json).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json", **(headers or {})})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(request, timeout=timeout) as response:
                return _Response(response.status, response.read())
        except urllib.error.HTTPError as error:
            return _Response(error.code, error.read())

    _shim = types.ModuleType("httpx")
    _shim.post = _post
    sys.modules["httpx"] = _shim

# ---- the guide's example (only API_URL differs) ----
import httpx

API_URL = os.environ.get("WDNACCEL_API_URL", "http://127.0.0.1:8080/api/v2")
headers = {"Authorization": "Bearer ok_live_your_key_here"}

sources = 2
plants = 3
zones = 6

# Source capacity (million liters/day)
source_cap = [50, 40]
# Treatment plant capacity and cost ($/ML)
plant_cap = [30, 25, 20]
plant_cost = [8, 10, 12]
# Zone demand (ML/day)
zone_demand = [12, 8, 15, 10, 9, 11]

# Pumping cost: source->plant ($/ML)
sp_pump = [[3, 5, 4], [4, 3, 6]]
# Pumping cost: plant->zone ($/ML)
pz_pump = [
    [2, 4, 3, 5, 6, 3],
    [4, 2, 5, 3, 4, 5],
    [3, 5, 2, 4, 3, 4],
]

variables = []
# Source -> Plant flows
for s in range(sources):
    for p in range(plants):
        variables.append({
            "name": f"sp_{s}_{p}", "type": "continuous", "lb": 0,
        })
# Plant -> Zone flows
for p in range(plants):
    for z in range(zones):
        variables.append({
            "name": f"pz_{p}_{z}", "type": "continuous", "lb": 0,
        })

# Total cost = pumping (source->plant) + treatment + pumping (plant->zone)
coefficients = {}
for s in range(sources):
    for p in range(plants):
        coefficients[f"sp_{s}_{p}"] = sp_pump[s][p]
for p in range(plants):
    for z in range(zones):
        coefficients[f"pz_{p}_{z}"] = plant_cost[p] + pz_pump[p][z]

objective = {"sense": "minimize", "coefficients": coefficients}

constraints = []
# Source capacity
for s in range(sources):
    constraints.append({
        "name": f"source_cap_{s}",
        "coefficients": {f"sp_{s}_{p}": 1 for p in range(plants)},
        "sense": "<=",
        "rhs": source_cap[s],
    })

# Plant capacity
for p in range(plants):
    constraints.append({
        "name": f"plant_cap_{p}",
        "coefficients": {f"sp_{s}_{p}": 1 for s in range(sources)},
        "sense": "<=",
        "rhs": plant_cap[p],
    })

# Plant flow balance: inflow = outflow
for p in range(plants):
    coeff = {}
    for s in range(sources):
        coeff[f"sp_{s}_{p}"] = 1
    for z in range(zones):
        coeff[f"pz_{p}_{z}"] = -1
    constraints.append({
        "name": f"plant_balance_{p}",
        "coefficients": coeff,
        "sense": "==",
        "rhs": 0,
    })

# Zone demand satisfaction
for z in range(zones):
    constraints.append({
        "name": f"demand_{z}",
        "coefficients": {f"pz_{p}_{z}": 1 for p in range(plants)},
        "sense": ">=",
        "rhs": zone_demand[z],
    })

response = httpx.post(f"{API_URL}/solve", headers=headers, json={
    "variables": variables,
    "objective": objective,
    "constraints": constraints,
})
result = response.json()

print(f"Status: {result['status']}")
print(f"Total daily cost: ${result['objective_value']:,.0f}")
for p in range(plants):
    throughput = sum(
        result['solution'].get(f"pz_{p}_{z}", 0) for z in range(zones)
    )
    if throughput > 0:
        print(f"  Plant {p+1}: {throughput:.1f} ML/day")
for z in range(zones):
    served = sum(
        result['solution'].get(f"pz_{p}_{z}", 0) for p in range(plants)
    )
    print(f"  Zone {z+1}: {served:.1f} ML (demand: {zone_demand[z]})")
