#!/usr/bin/env python3
"""Instructions per loop in kernels' SASS (cuobjdump -sass, as report.sh writes with SASS=1), to compare kernel forms
without a GPU. A loop is a branch back to a lower address; for each, prints its length and, where it holds
floating-point adds (DADD/FADD: one per Floyd-Warshall relaxation), its instructions per 16 of them, the work of
one k-step of phase 3's 4x4 micro-tile. ptxas may unroll a loop, so the figure is per 16 adds, not per pass.
Usage: tools/ptx-resources/loops.py DIR/fw_blocked_phase3_dist_f64.sass [...]"""
import re
import sys

LINE = re.compile(r'\s+/\*([0-9a-f]+)\*/\s+(.*?);')
BRANCH = re.compile(r'\bBRA\s+(?:`\(\.L_x_\d+\)\s*)?(0x[0-9a-f]+)')
ADD = re.compile(r'\b[DF]ADD\b')

for path in sys.argv[1:]:
    code = [(int(m.group(1), 16), m.group(2).strip()) for m in map(LINE.match, open(path)) if m]
    at = {address: index for index, (address, _) in enumerate(code)}
    print(path.rsplit('/', 1)[-1])
    for index, (address, text) in enumerate(code):
        branch = BRANCH.search(text)
        if not branch or int(branch.group(1), 16) >= address or int(branch.group(1), 16) not in at:
            continue
        body = [t for _, t in code[at[int(branch.group(1), 16)]:index + 1]]
        adds = sum(1 for t in body if ADD.search(t))
        per16 = f", {len(body) * 16 / adds:.1f} per 16 adds" if adds else ""
        print(f"  loop {int(branch.group(1), 16):#06x}-{address:#06x}: {len(body)} instructions, {adds} adds{per16}")
