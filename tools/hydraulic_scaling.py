#!/usr/bin/python3
"""How the batched hydraulic solve scales: solves/s against batch size (threads 1 and 2) and against network size.

Runs `wdnaccel simulate SCENARIO --random-designs N --seed 1 --json` (the same random catalog designs whatever the
batch size) and reads `solves_per_second`; each point is the best of --repeat runs, taken one process at a time.
Writes a CSV and an SVG with two panels (docs/performance.md, "Scaling"):

  /usr/bin/python3 tools/hydraulic_scaling.py --out-csv scaling.csv --out-svg docs/images/hydraulic-scaling.svg
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel")
NETWORKS = [("TLN", 6), ("NYT", 19), ("GOY", 22), ("HAN", 31)]  # (scenario, junctions); GOY has a pump


def rate(cli, scenario, designs, batch, threads, backend, repeat):
    best = 0.0
    for _ in range(repeat):
        args = [cli, "simulate", os.path.join(ROOT, "data", "scenarios", scenario + ".wdn"), "--random-designs", str(designs),
                "--seed", "1", "--json", "--backend", backend, "--threads", str(threads)]
        if batch:
            args += ["--batch", str(batch)]
        p = subprocess.run(args, capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"{' '.join(args)}: exit {p.returncode}: {p.stderr[-1000:]}")
        best = max(best, json.loads(p.stdout)["solves_per_second"])
    return best


def svg(path, batch_rows, net_rows):
    """Two log-x line panels in plain SVG (no plotting library on the build machine)."""
    w, h, pad = 980, 420, 60
    pw = (w - 3 * pad) / 2
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>']

    def panel(x0, title, xlabel, series, xs_log=True, labels=()):
        xs = [x for _, pts in series for x, _ in pts]
        ys = [y for _, pts in series for _, y in pts]
        xmin, xmax = min(xs), max(xs)
        ymax = max(ys) * 1.1
        fx = (lambda x: x0 + (math.log(x) - math.log(xmin)) / (math.log(xmax) - math.log(xmin)) * pw) if xs_log \
            else (lambda x: x0 + (x - xmin) / (xmax - xmin) * pw)
        fy = lambda y: h - pad - y / ymax * (h - 2 * pad)
        out.append(f'<text x="{x0 + pw / 2}" y="{pad / 2}" text-anchor="middle" font-size="14">{title}</text>')
        out.append(f'<line x1="{x0}" y1="{h - pad}" x2="{x0 + pw}" y2="{h - pad}" stroke="black"/>')
        out.append(f'<line x1="{x0}" y1="{pad}" x2="{x0}" y2="{h - pad}" stroke="black"/>')
        for i in range(6):
            y = ymax * i / 5
            out.append(f'<text x="{x0 - 5}" y="{fy(y) + 4}" text-anchor="end">{y / 1000:.0f}k</text>')
            out.append(f'<line x1="{x0}" y1="{fy(y)}" x2="{x0 + pw}" y2="{fy(y)}" stroke="#ddd"/>')
        for x in sorted(set(xs)):
            out.append(f'<text x="{fx(x)}" y="{h - pad + 16}" text-anchor="middle">{x}</text>')
        out.append(f'<text x="{x0 + pw / 2}" y="{h - 15}" text-anchor="middle">{xlabel}</text>')
        colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
        for k, (name, pts) in enumerate(series):
            c = colors[k % len(colors)]
            out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, " ".join(f"{fx(x):.1f},{fy(y):.1f}" for x, y in pts)))
            for x, y in pts:
                out.append(f'<circle cx="{fx(x):.1f}" cy="{fy(y):.1f}" r="3" fill="{c}"/>')
            out.append(f'<text x="{x0 + 10}" y="{pad + 16 + 16 * k}" fill="{c}">{name}</text>')
        for x, y, text in labels:
            out.append(f'<text x="{fx(x) + 6:.1f}" y="{fy(y) - 6:.1f}">{text}</text>')

    panel(pad * 1.5, "Hanoi: solves/s against batch size", "designs per batched solve (--batch)",
          [(f"{t} thread(s)", [(b, r) for (b, tt, r) in batch_rows if tt == t]) for t in sorted({t for _, t, _ in batch_rows})])
    panel(pad * 2.5 + pw, "solves/s against network size (2 threads)", "junctions",
          [("benchmark networks", sorted((j, r) for (_, j, r) in net_rows))], xs_log=False,
          labels=[(j, r, name) for (name, j, r) in net_rows])
    out.append("</svg>")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(x for x in out if x) + "\n")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default=CLI)
    ap.add_argument("--designs", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--backend", default="simd")
    ap.add_argument("--batches", type=int, nargs="+", default=[8, 32, 128, 512, 2048, 8192, 16384])
    ap.add_argument("--out-csv", required=True)
    ap.add_argument("--out-svg", required=True)
    a = ap.parse_args()
    with open("/proc/loadavg") as f:
        print(f"load average at start: {f.read().split()[:3]}", flush=True)
    batch_rows, net_rows = [], []
    for threads in (1, 2):
        for b in a.batches:
            r = rate(a.cli, "HAN", a.designs, b, threads, a.backend, a.repeat)
            batch_rows.append((b, threads, r))
            print(f"HAN batch {b:6d} threads {threads}: {r:10.0f} solves/s", flush=True)
    for name, junctions in NETWORKS:
        r = rate(a.cli, name, a.designs, 0, 2, a.backend, a.repeat)
        net_rows.append((name, junctions, r))
        print(f"{name} ({junctions} junctions), 2 threads: {r:10.0f} solves/s", flush=True)
    with open(a.out_csv, "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["study", "network", "junctions", "batch", "threads", "solves_per_second"])
        for b, t, r in batch_rows:
            wr.writerow(["batch", "HAN", 31, b, t, round(r)])
        for name, j, r in net_rows:
            wr.writerow(["network", name, j, "default", 2, round(r)])
    svg(a.out_svg, batch_rows, net_rows)
    with open("/proc/loadavg") as f:
        print(f"load average at end: {f.read().split()[:3]}")


if __name__ == "__main__":
    main()
