#!/usr/bin/env python3
"""Feeds mutated copies of the bundled inputs to the CLI and reports any run that ends in an internal error (exit 1),
a stack trace, an exit code outside 0/2/3, or a time-out: every reader must answer bad input with exit 2 and a message
naming the file, line or field. Mutations: truncation, byte flips, and in text files numbers, names and strings
replaced with NaN, +-1e308, -0, 1e-320, wrong types, empty values, plus deleted lines. Seeded, so a failure reproduces;
each failing input is kept in --keep.
Usage: tools/fuzz/cli-fuzz.py [--binary src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel] [--seed 1] [--count 300]"""
import argparse, os, random, re, shutil, subprocess, tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
D = os.path.join(ROOT, "data")
# (verb, file to mutate, arguments; MUT = the mutated file, OUT = an output in the work folder, @FILE = a fixed first argument)
CASES = [
    ("simulate", f"{D}/networks/HAN.inp", ["--json"]),
    ("simulate", f"{D}/networks/Net1.inp", ["--json"]),
    ("simulate", f"{D}/networks/Net3.inp", ["--json"]),
    ("simulate", f"{D}/scenarios/HAN.wdn", ["--json"]),
    ("simulate", f"{D}/scenarios/TLN.wdn", ["--random-designs", "300", "--json"]),
    ("simulate", f"{D}/schedules/Net3-pump-schedules.csv", [f"@{D}/networks/Net3.inp", "--pump-schedules", "MUT", "--json"]),
    ("simulate", f"{D}/designs/Net1-pipe-sizes.csv", [f"@{D}/networks/Net1.inp", "--eps-designs", "MUT", "--json"]),
    ("optimize", f"{D}/scenarios/HAN.wdn", ["--evaluations", "300", "--json"]),
    ("front", f"{D}/scenarios/TLN.wdn", ["--evaluations", "200", "--json"]),
    ("paths", f"{D}/graphs/small-directed.json", ["--json"]),
    ("paths", f"{D}/graphs/zoned-scenario.json", ["--json"]),
    ("lp", f"{D}/lp/beale.mps", ["--json"]),
    ("lp", f"{D}/lp/wyndor.lp", ["--json"]),
    ("lp", f"{D}/lp/supply-allocation-request.json", ["--json"]),
    ("allocate", f"{D}/scenarios/supply-allocation.json", ["--json"]),
    ("allocate", f"{D}/scenarios/supply-seasons.json", ["--json"]),
    ("allocate", f"{D}/scenarios/lishui-2030.json", ["--json", "--evaluations", "200"]),
    ("allocate", f"{D}/plans/lishui-2030-plan1.json", [f"@{D}/scenarios/lishui-2030.json", "--plan", "MUT", "--json"]),
    ("convert", f"{D}/scenarios/NYT.wdn", ["OUT.json"]),
    ("convert", f"{D}/networks/TLN.inp", ["OUT.wdn"]),
    ("info", f"{D}/networks/Net3.inp", ["--json"]),
    ("validate", f"{D}/networks/Net2.inp", []),
]
TOKEN = re.compile(r'-?\d+(\.\d+)?([eE][-+]?\d+)?|"[^"\n]*"|\b[A-Za-z_][A-Za-z_0-9]*\b')
BAD = ["NaN", "-1", "0", "1e308", "-1e308", "abc", '""', "null", "[]", "{}", "99999999999", "-0", "1e-320", "Infinity", ""]


def mutate(rng, data, binary):
    if rng.random() < 0.2:
        return data[:rng.randrange(len(data))]
    if binary or rng.random() < 0.2:
        b = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    text = data.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 3)):
        tokens = list(TOKEN.finditer(text))
        if not tokens:
            break
        t = rng.choice(tokens)
        text = text[:t.start()] + rng.choice(BAD + ["x" + t.group(0)]) + text[t.end():]
    if rng.random() < 0.2:
        lines = text.split("\n")
        if len(lines) > 2:
            del lines[rng.randrange(len(lines))]
        text = "\n".join(lines)
    return text.encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, "src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--keep", default=os.path.join(tempfile.gettempdir(), "wdnaccel-fuzz-failures"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="wdnaccel-fuzz-")
    bad = 0
    for i in range(a.count):
        verb, source, args = rng.choice(CASES)
        ext = os.path.splitext(source)[1]
        case = os.path.join(work, "case" + ext)
        with open(source, "rb") as f:
            data = f.read()
        with open(case, "wb") as f:
            f.write(mutate(rng, data, ext in (".wdn", ".wdnb", ".msgpack")))
        for old in os.listdir(work):
            if old.startswith("out"):
                os.remove(os.path.join(work, old))
        argv = [x.replace("OUT", os.path.join(work, "out")).replace("MUT", case) for x in args]
        first = case
        if argv and argv[0].startswith("@"):
            first, argv = argv[0][1:], argv[1:]
        try:
            p = subprocess.run([a.binary, verb, first] + argv, capture_output=True, text=True, errors="replace", timeout=120)
            code, err = p.returncode, p.stderr
        except subprocess.TimeoutExpired:
            code, err = "timeout", ""
        if code not in (0, 2, 3) or re.search(r"^\s+at \S+\(|Unhandled exception", err, re.M):
            bad += 1
            os.makedirs(a.keep, exist_ok=True)
            kept = os.path.join(a.keep, f"{verb}-{a.seed}-{i}{ext}")
            shutil.copy(case, kept)
            shown = [kept if x == case else x for x in [first] + argv]
            print(f"exit {code}: wdnaccel {verb} {' '.join(shown)}\n  {err.strip()[-400:]}", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{a.count} runs, {bad} bad (seed {a.seed})")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
