#!/usr/bin/python3
"""Whole-process Floyd–Warshall: `wdnaccel paths` vs SciPy, process start to result file (docs/performance.md).

For each n: the random directed graph of tools/scipy_floyd_warshall.py (seed n, --density of the n*n arcs,
weights uniform in (0.01, 10]) is written as graph JSON, as the same graph as a MessagePack map, and as an .npz
edge list for SciPy. Then, alternating, --repeat rounds of:

  ours json    wdnaccel paths g.json    --out r.json      (JSON in, JSON out)
  ours msgpack wdnaccel paths g.msgpack --out r.wdn       (MessagePack in and out)
  ours packed  wdnaccel paths g.packed.msgpack --out r.packed.wdn --packed  (packed little-endian columns and matrices)
  ours pairs   wdnaccel paths g.json    --from 0 --to 0 --json   (read + kernel, no matrices written)
  ours packed dist   the packed run with --distances-only   (no route matrix: SciPy's default)
  ours start   wdnaccel --version                               (process start-up)
  scipy json   tools/scipy_fw_process.py g.json r.json    (json.load in, JSON text out)
  scipy npz    tools/scipy_fw_process.py g.npz  r.npz     (np.load in, np.savez out)
  scipy npz dist     the same with --distances-only         (floyd_warshall without predecessors)

Wall seconds per process (fork to exit) are timed here. Our phases: start-up = `--version`; kernel = the
`seconds` the answer reports; read = `read_seconds` when the answer has it, else pairs - start - kernel;
write = the rest. SciPy's phases come from its own stopwatch (import, read, solve, write).
Results are compared once per n (ours JSON vs SciPy's .npz) at n <= --verify-max.

  dotnet build -c Release src/WdnAccel.Cli
  /usr/bin/python3 tools/fw_whole_process.py --sizes 1024 2048 4096 --repeat 3
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel")
SCIPY = os.path.join(ROOT, "tools", "scipy_fw_process.py")


def graph(n, density, seed):
    rng = np.random.default_rng(seed)
    present = rng.random((n, n)) < density
    np.fill_diagonal(present, False)
    weights = rng.random((n, n)) * 10 + 0.01
    src, dst = np.nonzero(present)
    return src, dst, weights[src, dst]


def write_json(path, n, src, dst, w):
    with open(path, "w") as f:
        f.write('{"nodes": %d, "edges": [' % n)
        f.write(",".join("[%d,%d,%r]" % (i, j, float(x)) for i, j, x in zip(src, dst, w)))
        f.write("]}\n")


def mp_uint(v):
    if v < 128:
        return bytes([v])
    if v < 1 << 16:
        return b"\xcd" + struct.pack(">H", v)
    return b"\xce" + struct.pack(">I", v)


def mp_str(s):
    b = s.encode()
    return bytes([0xA0 | len(b)]) + b


def write_msgpack(path, n, src, dst, w):
    """The graph map {"nodes": n, "edges": [[from, to, weight], ...]}, weights as float64 (hand-encoded: Debian's
    python3 has no msgpack module)."""
    m = len(src)
    with open(path, "wb") as f:
        f.write(b"\x82" + mp_str("nodes") + mp_uint(n) + mp_str("edges") + b"\xdd" + struct.pack(">I", m))
        f.write(b"".join(b"\x93" + mp_uint(int(i)) + mp_uint(int(j)) + b"\xcb" + struct.pack(">d", float(x))
                         for i, j, x in zip(src, dst, w)))


def mp_bin(b):
    return b"\xc6" + struct.pack(">I", len(b)) + b


def write_msgpack_packed(path, n, src, dst, w):
    """The same graph with the arcs as packed little-endian columns (docs/paths.md):
    {"nodes": n, "from": <int32 bytes>, "to": <int32 bytes>, "weight": <float64 bytes>} - numpy's tobytes()."""
    with open(path, "wb") as f:
        f.write(b"\x84" + mp_str("nodes") + mp_uint(n)
                + mp_str("from") + mp_bin(src.astype("<i4").tobytes())
                + mp_str("to") + mp_bin(dst.astype("<i4").tobytes())
                + mp_str("weight") + mp_bin(w.astype("<f8").tobytes()))


def packed_matrix(path, key, dtype, n):
    """A packed matrix (a bin 32 after its key) of our --packed answer."""
    with open(path, "rb") as f:
        data = f.read()
    at = data.find(mp_str(key)) + len(mp_str(key))
    assert data[at] == 0xC6, "expected a bin 32"
    size = struct.unpack(">I", data[at + 1:at + 5])[0]
    return np.frombuffer(data, dtype=dtype, count=size // np.dtype(dtype).itemsize, offset=at + 5).reshape(n, n)


def timed(args):
    t0 = time.perf_counter()
    p = subprocess.run(args, capture_output=True)
    t = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {p.returncode}: {p.stderr.decode()[-2000:]}")
    return t, p


def json_number(path, key):
    with open(path, "rb") as f:
        head = f.read(4096).decode(errors="replace")
    m = re.search(r'"%s":\s*([0-9.eE+-]+)' % key, head)
    return float(m.group(1)) if m else None


def msgpack_float(path, key):
    """A float64 or float32 value of a top-level key in the first KiB of a MessagePack map (ours: before the matrices)."""
    with open(path, "rb") as f:
        head = f.read(1024)
    k = mp_str(key)
    at = head.find(k)
    if at < 0:
        return None
    at += len(k)
    if head[at] == 0xCB:
        return struct.unpack(">d", head[at + 1:at + 9])[0]
    if head[at] == 0xCA:
        return struct.unpack(">f", head[at + 1:at + 5])[0]
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048, 4096])
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scipy-repeat", type=int, default=None, help="SciPy rounds (default --repeat; it takes minutes at 4096)")
    ap.add_argument("--verify-max", type=int, default=2048)
    ap.add_argument("--cli", default=DEFAULT_CLI)
    ap.add_argument("--tmp", default=None, help="folder for graphs and results (default: a temporary one)")
    ap.add_argument("--cli-before", default=None, help="a second build (e.g. an older commit's) timed alongside, as 'before ...'")
    ap.add_argument("--skip", nargs="*", default=[], help="variants to leave out, e.g. 'scipy json'")
    a = ap.parse_args()
    if not os.path.exists(a.cli):
        sys.exit(f"{a.cli} not found: dotnet build -c Release src/WdnAccel.Cli")
    cli = [a.cli]
    with open("/proc/loadavg") as f:
        print(f"load average at start: {f.read().split()[:3]}", flush=True)

    tmp_ctx = tempfile.TemporaryDirectory() if a.tmp is None else None
    tmp = a.tmp or tmp_ctx.name
    os.makedirs(tmp, exist_ok=True)
    for n in a.sizes:
        src, dst, w = graph(n, a.density, seed=n)
        gj, gm, gp, gz = (os.path.join(tmp, f"g{n}.{e}") for e in ("json", "msgpack", "packed.msgpack", "npz"))
        write_json(gj, n, src, dst, w)
        write_msgpack(gm, n, src, dst, w)
        write_msgpack_packed(gp, n, src, dst, w)
        np.savez(gz, n=n, edges=np.stack([src, dst, w], axis=1).astype(np.float64))
        rj, rm, rp, sj, sz = (os.path.join(tmp, f"r{n}.{e}") for e in ("json", "wdn", "packed.wdn", "scipy.json", "scipy.npz"))
        sizes = {k: os.path.getsize(p) / 1e6 for k, p in (("graph json", gj), ("graph msgpack", gm), ("packed", gp))}
        print(f"\nn = {n}: {len(src)} arcs; " + ", ".join(f"{k} {v:.1f} MB" for k, v in sizes.items()), flush=True)

        variants = {
            "ours start": (cli + ["--version"], None),
            "ours pairs": (cli + ["paths", gj, "--from", "0", "--to", "0", "--json"], "stdout"),
            "ours json": (cli + ["paths", gj, "--out", rj], rj),
            "ours msgpack": (cli + ["paths", gm, "--out", rm], rm),
            "ours packed": (cli + ["paths", gp, "--out", rp, "--packed"], rp),
            "scipy json": (["/usr/bin/python3", SCIPY, gj, sj], "scipy"),
            "scipy npz": (["/usr/bin/python3", SCIPY, gz, sz], "scipy"),
            "ours packed dist": (cli + ["paths", gp, "--out", rp + ".dist.wdn", "--packed", "--distances-only"], rp + ".dist.wdn"),
            "scipy npz dist": (["/usr/bin/python3", SCIPY, gz, sz + ".dist.npz", "--distances-only"], "scipy"),
        }
        if a.cli_before:
            variants["before pairs"] = ([a.cli_before, "paths", gj, "--from", "0", "--to", "0", "--json"], "stdout")
            variants["before json"] = ([a.cli_before, "paths", gj, "--out", rj + ".before.json"], rj + ".before.json")
            variants["before msgpack"] = ([a.cli_before, "paths", gm, "--out", rm + ".before.wdn"], rm + ".before.wdn")
            variants["before packed"] = ([a.cli_before, "paths", gp, "--out", rp + ".before.wdn", "--packed"], rp + ".before.wdn")
        variants = {k: v for k, v in variants.items() if k not in a.skip}
        rows = {k: [] for k in variants}
        for r in range(a.repeat):
            for name, (args, result) in variants.items():
                if name.startswith("scipy") and r >= (a.scipy_repeat or a.repeat):
                    continue
                t, p = timed(args)
                row = {"wall": t}
                if result == "stdout":
                    doc = json.loads(p.stdout)
                    row["kernel"] = doc["seconds"]
                    row["read"] = doc.get("read_seconds")
                elif result == "scipy":
                    row.update(json.loads(p.stderr.decode().strip().splitlines()[-1]))
                elif result is not None:
                    get = json_number if result.endswith(".json") else msgpack_float
                    row["kernel"] = get(result, "seconds")
                    row["read"] = get(result, "read_seconds")
                    row["out MB"] = os.path.getsize(result) / 1e6
                rows[name].append(row)
                print(f"  round {r + 1} {name:13s} {t:8.3f} s  " +
                      " ".join(f"{k}={v:.3f}" for k, v in row.items() if k != "wall" and v is not None), flush=True)

        start = min(x["wall"] for x in rows["ours start"]) if "ours start" in rows else 0.0
        pairs = min(rows["ours pairs"], key=lambda x: x["wall"]) if "ours pairs" in rows else None
        print(f"summary n = {n} (best of rounds; start-up {start:.3f} s)")
        for name in rows:
            if not rows[name] or name in ("ours start",):
                continue
            best = min(rows[name], key=lambda x: x["wall"])
            if name.startswith(("ours", "before")):
                read = best.get("read")
                p = pairs if name.startswith("ours") else min(rows["before pairs"], key=lambda x: x["wall"]) if rows.get("before pairs") else None
                if read is None and p is not None:
                    read = p["wall"] - start - p["kernel"]
                if read is None:
                    split = f"start {start:.3f} kernel {best['kernel']:.3f} read+write/rest {best['wall'] - start - best['kernel']:.3f}"
                else:
                    write = best["wall"] - start - read - best["kernel"]
                    split = f"start {start:.3f} read {read:.3f} kernel {best['kernel']:.3f} write/rest {write:.3f}"
            else:
                split = " ".join(f"{k} {best[k]:.3f}" for k in ("import", "read", "solve", "write"))
            print(f"  {name:13s} wall {best['wall']:8.3f} s (all: {', '.join('%.3f' % x['wall'] for x in rows[name])})  {split}")
        for ours, theirs in (("ours json", "scipy json"), ("ours packed", "scipy npz"), ("ours packed dist", "scipy npz dist"), ("ours msgpack", "scipy npz"), ("ours msgpack", "scipy json"), ("ours json", "scipy npz"),
                             ("before json", "scipy json"), ("before msgpack", "scipy npz")):
            if rows.get(ours) and rows.get(theirs):
                o = min(x["wall"] for x in rows[ours])
                s = min(x["wall"] for x in rows[theirs])
                print(f"  ratio {theirs} / {ours}: {s / o:.1f}x")

        if n <= a.verify_max and "ours packed" in rows and "scipy npz" in rows:
            with np.load(sz) as z:
                d_s = z["dist"]
            d_p = packed_matrix(rp, "dist", "<f8", n)
            nxt = packed_matrix(rp, "next", "<i4", n)
            print(f"  check packed: distances identical to SciPy's (inf included): {bool(np.array_equal(d_s, d_p))}, "
                  f"next[i][i] == i: {bool((np.diag(nxt) == np.arange(n)).all())}", flush=True)
        if n <= a.verify_max and "ours packed dist" in rows and "scipy npz dist" in rows:
            with np.load(sz + ".dist.npz") as z:
                d_s = z["dist"]
            d_p = packed_matrix(rp + ".dist.wdn", "dist", "<f8", n)
            print(f"  check packed, distances only: identical to SciPy's (inf included): {bool(np.array_equal(d_s, d_p))}", flush=True)
        if n <= a.verify_max and "ours json" in rows and "scipy npz" in rows:
            with np.load(sz) as z:
                d_s, pred = z["dist"], z["pred"]
            with open(rj) as f:
                doc = json.load(f)
            d_o = np.array([[np.inf if v is None else v for v in row] for row in doc["dist"]])
            nxt = np.array(doc["next"])
            same_inf = bool((np.isinf(d_s) == np.isinf(d_o)).all())
            diff = np.abs(np.where(np.isinf(d_s), 0, d_s - d_o)).max()
            # Successor and predecessor matrices name the same routes when ties are rare: first hop of i->j equals
            # the node whose predecessor chain from j reaches i next.
            print(f"  check: max|d - d_scipy| = {diff:.1e}, unreachable pairs identical: {same_inf}, "
                  f"next[i][i] == i: {bool((np.diag(nxt) == np.arange(n)).all())}", flush=True)
    with open("/proc/loadavg") as f:
        print(f"\nload average at end: {f.read().split()[:3]}")


if __name__ == "__main__":
    main()
