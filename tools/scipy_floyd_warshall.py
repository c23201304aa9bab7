#!/usr/bin/python3
"""Side by side: SciPy's floyd_warshall vs `wdnaccel paths` on the same graphs (issue 6).

For each n: a random directed graph (fixed seed, `--density` of the n*n arcs present, weights uniform in
(0.01, 10]) is written once as graph JSON {"nodes": n, "edges": [[from, to, weight], ...]}; SciPy reads the same
file into a dense matrix. Both solve with successor/predecessor matrices ("routes"), or with `--modes routes distances`
also without them (SciPy's default, wdnaccel `--distances-only`), each mode side by side. Timings alternate SciPy and wdnaccel
`--repeat` times in one run; SciPy's time is the floyd_warshall call, wdnaccel's is its reported kernel `seconds`
(file parsing and output excluded on both sides). At n <= --verify-max the full distance matrices are compared.

Needs Debian's python3-scipy (run with /usr/bin/python3) and a Release build of the CLI:
  dotnet build -c Release src/WdnAccel.Cli
  /usr/bin/python3 tools/scipy_floyd_warshall.py --sizes 256 1024 2048
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.sparse.csgraph import floyd_warshall

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel.dll")


def write_graph(path, n, density, seed):
    rng = np.random.default_rng(seed)
    present = rng.random((n, n)) < density
    np.fill_diagonal(present, False)
    weights = rng.random((n, n)) * 10 + 0.01
    src, dst = np.nonzero(present)
    with open(path, "w") as f:
        f.write('{"nodes": %d, "edges": [' % n)
        f.write(",".join("[%d,%d,%r]" % (i, j, float(weights[i, j])) for i, j in zip(src, dst)))
        f.write("]}\n")
    return len(src)


def read_graph(path):
    """SciPy side: the same file into a dense matrix (inf = no arc)."""
    with open(path) as f:
        g = json.load(f)
    n = g["nodes"]
    m = np.full((n, n), np.inf)
    for i, j, w in g["edges"]:
        m[i, j] = min(m[i, j], w)
    return m


def run_wdnaccel(cli, graph, backend, threads, full, routes=True):
    args = ["dotnet", cli, "paths", graph, "--json", "--backend", backend, "--threads", str(threads)]
    if not routes:
        args.append("--distances-only")
    if not full:
        args += ["--from", "0", "--to", "1"]  # time only: skip writing n*n matrices
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[256, 1024, 2048])
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--backend", default="simd")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--verify-max", type=int, default=512)
    ap.add_argument("--cli", default=DEFAULT_CLI)
    ap.add_argument("--modes", nargs="+", choices=["routes", "distances"], default=["routes"],
                    help="routes: successor/predecessor matrices; distances: distances alone")
    a = ap.parse_args()
    if not os.path.exists(a.cli):
        sys.exit(f"{a.cli} not found: dotnet build -c Release src/WdnAccel.Cli")

    print(f"{'n':>6} {'mode':>9} {'arcs':>9} {'scipy s':>9} {'scipy G/s':>9} {'wdn s':>8} {'wdn G/s':>8} {'ratio':>6}  check")
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.sizes:
            path = os.path.join(tmp, f"g{n}.json")
            arcs = write_graph(path, n, a.density, seed=n)
            dense = read_graph(path)
            sp_times = {m: [] for m in a.modes}
            wd_times = {m: [] for m in a.modes}
            check = {m: "-" for m in a.modes}
            for r in range(a.repeat):
                for mode in a.modes:
                    routes = mode == "routes"
                    t0 = time.perf_counter()
                    result = floyd_warshall(dense, directed=True, return_predecessors=routes)
                    sp_times[mode].append(time.perf_counter() - t0)
                    dist = result[0] if routes else result
                    full = r == 0 and n <= a.verify_max
                    res = run_wdnaccel(a.cli, path, a.backend, a.threads, full, routes)
                    wd_times[mode].append(res["seconds"])
                    if full:
                        ours = np.array([[np.inf if v is None else v for v in row] for row in res["dist"]])
                        diff = np.abs(np.where(np.isinf(dist), 0, dist - ours)).max()
                        same_inf = bool((np.isinf(dist) == np.isinf(ours)).all())
                        check[mode] = f"max|d-d_scipy|={diff:.1e} unreachable_same={same_inf}"
            for mode in a.modes:
                sp, wd = min(sp_times[mode]), min(wd_times[mode])
                rel = n ** 3
                print(f"{n:>6} {mode:>9} {arcs:>9} {sp:>9.3f} {rel / sp / 1e9:>9.2f} {wd:>8.3f} {rel / wd / 1e9:>8.2f} {sp / wd:>6.1f}  {check[mode]}",
                      flush=True)
    print(f"best of {a.repeat}, alternating; G/s = 1e9 relaxations (n^3) per second; backend {res['backend_description']}")


if __name__ == "__main__":
    main()
