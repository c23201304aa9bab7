#!/usr/bin/python3
"""City-sized snapshot against native EPANET, side by side in one run (docs/performance.md, "Large networks").

For each .inp given: EPANET's own runner (`runepanet`) and `wdnaccel simulate FILE --out F` (the JSON answer) are each timed wall-clock
with their peak resident memory (/usr/bin/time -v), alternating, --repeat rounds; then every node head is compared,
EPANET's read through its toolkit library (ctypes: EN_createproject, EN_open, EN_solveH, EN_getnodevalue(EN_HEAD)).
Nothing of EPANET is part of this repository: point --runepanet and --lib at a build of your own.

    tools/make-grid 300x300 -o /tmp/grid300.inp
    tools/epanet-reference/grid_compare.py /tmp/grid300.inp --runepanet /opt/epanet/bin/runepanet \
        --lib /opt/epanet/lib/libepanet2.so --repeat 2
"""
import argparse
import ctypes
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "src", "WdnAccel.Cli", "bin", "Release", "net10.0", "wdnaccel")
EN_HEAD = 10


def timed(args):
    """Wall seconds and peak RSS (MB) of one process, from GNU time -v."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        subprocess.run(["/usr/bin/time", "-v", "-o", t.name] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        text = t.read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return seconds, rss


def epanet_heads(lib, inp):
    en = ctypes.CDLL(lib)
    ph = ctypes.c_void_p()
    assert en.EN_createproject(ctypes.byref(ph)) == 0
    code = en.EN_open(ph, inp.encode(), b"/dev/null", b"")
    if code > 100:
        sys.exit(f"EN_open returned {code}")
    code = en.EN_solveH(ph)
    if code > 100:
        sys.exit(f"EN_solveH returned {code}")
    count = ctypes.c_int()
    en.EN_getcount(ph, 0, ctypes.byref(count))
    heads = {}
    name = ctypes.create_string_buffer(64)
    value = ctypes.c_double()
    for i in range(1, count.value + 1):
        en.EN_getnodeid(ph, i, name)
        en.EN_getnodevalue(ph, i, EN_HEAD, ctypes.byref(value))
        heads[name.value.decode()] = value.value
    en.EN_close(ph)
    en.EN_deleteproject(ph)
    return heads


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inp", nargs="+")
    ap.add_argument("--runepanet", required=True)
    ap.add_argument("--lib", required=True, help="EPANET 2.2+ toolkit library (libepanet2.so) for the head comparison")
    ap.add_argument("--cli", default=CLI)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    for inp in a.inp:
        print(f"{inp}")
        runs = {"epanet": [], "ours": []}
        with tempfile.TemporaryDirectory() as tmp:
            ours_json = os.path.join(tmp, "ours.json")
            for r in range(a.repeat):
                runs["epanet"].append(timed([a.runepanet, inp, os.path.join(tmp, "e.rpt")]))
                runs["ours"].append(timed([a.cli, "simulate", inp, "--out", ours_json]))
                for k in runs:
                    print(f"  round {r + 1} {k:6} {runs[k][-1][0]:8.2f} s {runs[k][-1][1]:9.0f} MB")
            with open(ours_json) as f:
                ours = {n["id"]: n["head"] for n in json.load(f)["nodes"]}
        theirs = epanet_heads(a.lib, inp)
        diff = max(abs(ours[k] - theirs[k]) for k in theirs)
        be, bo = min(runs["epanet"]), min(runs["ours"])
        print(f"  best: EPANET {be[0]:.2f} s, {be[1]:.0f} MB; ours {bo[0]:.2f} s, {bo[1]:.0f} MB")
        print(f"  ours faster {be[0] / bo[0]:.1f}x, memory {bo[1] / be[1]:.2f}x EPANET's; largest head difference {diff:.2e} m over {len(theirs)} nodes")


if __name__ == "__main__":
    main()
