#!/usr/bin/python3
"""SciPy's side of the whole-process Floyd–Warshall comparison (tools/fw_whole_process.py).

One process does what `wdnaccel paths INPUT --out OUTPUT` does: read the graph, solve all pairs with the
route matrix (SciPy's predecessors; ours are successors, the same amount of information), write the result.

  INPUT  .json: graph JSON {"nodes": n, "edges": [[from, to, weight], ...]} (json.load, then numpy)
         .npz:  np.savez of n and the edge list as an (m, 3) float64 array - SciPy's cheapest binary input
  OUTPUT .json: {"n", "dist" (null where unreachable), "pred" (-9999 where none)}, one row per line
         .npz:  np.savez (uncompressed) of dist and pred - SciPy's cheapest binary output

A third argument `--distances-only` solves and writes the distances alone (SciPy's default, no predecessors), as
`wdnaccel paths --distances-only`.

Phase seconds (import, read, solve, write) go to stderr as one JSON line. Run with /usr/bin/python3
(Debian's python3-scipy).
"""
import sys
import time

t_start = time.perf_counter()
import json  # noqa: E402

import numpy as np  # noqa: E402
from scipy.sparse.csgraph import floyd_warshall  # noqa: E402

t_import = time.perf_counter()


def read(path):
    if path.endswith(".npz"):
        with np.load(path) as z:
            n, e = int(z["n"]), z["edges"]
    else:
        with open(path) as f:
            g = json.load(f)
        n = g["nodes"]
        e = np.array(g["edges"], dtype=np.float64).reshape(-1, 3)
    m = np.full((n, n), np.inf)
    # Parallel arcs: the cheapest counts (as in wdnaccel).
    np.minimum.at(m, (e[:, 0].astype(np.intp), e[:, 1].astype(np.intp)), e[:, 2])
    return m


def write(path, dist, pred):
    if path.endswith(".npz"):
        if pred is None:
            np.savez(path, dist=dist)
        else:
            np.savez(path, dist=dist, pred=pred)
        return
    n = dist.shape[0]
    with open(path, "w") as f:
        f.write('{"n": %d,\n"dist": [\n' % n)
        # json.dumps of a row writes inf as Infinity, which is not JSON: null instead, as wdnaccel writes.
        f.write(",\n".join(json.dumps(row).replace("Infinity", "null") for row in dist.tolist()))
        if pred is not None:
            f.write('],\n"pred": [\n')
            f.write(",\n".join(json.dumps(row) for row in pred.tolist()))
        f.write("]}\n")


def main():
    inp, out = sys.argv[1], sys.argv[2]
    routes = "--distances-only" not in sys.argv[3:]
    t0 = time.perf_counter()
    m = read(inp)
    t1 = time.perf_counter()
    if routes:
        dist, pred = floyd_warshall(m, directed=True, return_predecessors=True)
    else:
        dist, pred = floyd_warshall(m, directed=True, return_predecessors=False), None
    t2 = time.perf_counter()
    write(out, dist, pred)
    t3 = time.perf_counter()
    print(json.dumps({"import": t_import - t_start, "read": t1 - t0, "solve": t2 - t1, "write": t3 - t2}), file=sys.stderr)


if __name__ == "__main__":
    main()
