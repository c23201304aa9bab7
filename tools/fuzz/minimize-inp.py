#!/usr/bin/env python3
"""Shrinks an .inp file on which the extended-period engine and EPANET 2.2 differ, keeping the difference.

    python3 tools/fuzz/minimize-inp.py IN.inp OUT.inp 'REGEX'

Greedy line removal, section by section (controls, rules, links, demands, options, junctions, tanks, reservoirs,
times, patterns, curves), repeated until no line can go: a node or link line takes with it every line of the other
sections that names it; a rule goes whole. A trial is kept while `node tools/fuzz/eps-vs-epanet.mjs --inp` still
says DIFFER with a problem line that matches REGEX (e.g. 'quality', 'link P21: status', 'demand|flow'); a network
EPANET refuses or warns about (warnings 1-3) or that we cut off gives no DIFFER line and is rejected by itself.
Needs what the fuzzer needs (npm install in tools/epanet-reference, dotnet build -c Release). Each trial takes about
half a second; a 40-junction network shrinks in a few minutes.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ = os.path.join(ROOT, "tools", "fuzz", "eps-vs-epanet.mjs")
ELEMENTS = {"[JUNCTIONS]", "[RESERVOIRS]", "[TANKS]", "[PIPES]", "[PUMPS]", "[VALVES]"}
ORDER = ["[CONTROLS]", "[RULES]", "[PIPES]", "[VALVES]", "[PUMPS]", "[DEMANDS]", "[EMITTERS]", "[SOURCES]", "[ENERGY]",
         "[MIXING]", "[QUALITY]", "[REACTIONS]", "[JUNCTIONS]", "[TANKS]", "[RESERVOIRS]", "[OPTIONS]", "[TIMES]",
         "[PATTERNS]", "[CURVES]"]


def parse(text):
    """[[section header, [lines]], ...]; the first entry holds what comes before any header."""
    sections = [["", []]]
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("[") and s.endswith("]"):
            sections.append([s.upper(), []])
        else:
            sections[-1][1].append(line)
    return sections


def render(sections):
    out = []
    for name, lines in sections:
        if name:
            out.append(name)
        out.extend(lines)
    return "\n".join(out) + "\n"


def data_lines(sections, name):
    return [(si, li) for si, (n, lines) in enumerate(sections) if n == name
            for li, l in enumerate(lines) if l.strip() and not l.strip().startswith(";")]


def without(sections, si, li):
    """A copy without line li of section si (a whole rule for a RULE line; an element with every line naming it)."""
    trial = [[n, list(ls)] for n, ls in sections]
    name, lines = trial[si]
    line = lines[li]
    if name == "[RULES]":
        if not line.strip().upper().startswith("RULE"):
            return None
        end = li + 1
        while end < len(lines) and not lines[end].strip().upper().startswith("RULE"):
            end += 1
        del lines[li:end]
        return trial
    del lines[li]
    if name in ELEMENTS:
        ident = line.split()[0]
        for n, ls in trial:
            if n != "[TITLE]":
                ls[:] = [l for l in ls if ident not in l.split()]
    return trial


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, dst, pattern = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), re.compile(sys.argv[3])
    work = tempfile.mkdtemp(prefix="minimize-inp-")
    trial_path = os.path.join(work, "trial.inp")

    def differs(text):
        with open(trial_path, "w") as f:
            f.write(text)
        out = subprocess.run(["node", FUZZ, "--inp", trial_path], capture_output=True, text=True, cwd=ROOT).stdout
        if ": DIFFER" not in out:
            return False
        return any(pattern.search(l) for l in out.splitlines() if l.startswith("  t=") or l.startswith("  pump"))

    with open(src) as f:
        sections = parse(f.read())
    if not differs(render(sections)):
        sys.exit(f"{src}: no difference matching {pattern.pattern!r} to keep")
    changed = True
    while changed:
        changed = False
        for name in ORDER:
            i = 0
            while i < len(lines := data_lines(sections, name)):
                si, li = lines[i]
                trial = without(sections, si, li)
                if trial is not None and differs(render(trial)):
                    print(f"removed {name} {sections[si][1][li].strip()}", flush=True)
                    sections, changed = trial, True
                else:
                    i += 1
        with open(dst, "w") as f:
            f.write(render(sections))
    os.remove(trial_path)
    os.rmdir(work)
    print(f"{dst}: {sum(len(data_lines(sections, n)) for n in ELEMENTS)} element lines left")


if __name__ == "__main__":
    main()
