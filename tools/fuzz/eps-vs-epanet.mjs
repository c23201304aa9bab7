// Differential fuzzing of the extended-period engine against EPANET 2.2 (npm epanet-js 0.9.0, its v2.2 engine, loaded
// as tools/epanet-reference/eps-reference.mjs does). Not part of CI: a tool for finding discrepancies.
//
//   cd tools/epanet-reference && npm install        # once
//   dotnet build -c Release                          # the CLI this compares
//   node tools/fuzz/eps-vs-epanet.mjs --seed 1 --count 200 [--keep DIR] [--verbose] [--headloss C-M] [--lanes] [--pump-pressure]
//   node tools/fuzz/eps-vs-epanet.mjs --inp some.inp  # compare one file (tools/fuzz/minimize-inp.py shrinks a case with it)
//
// Each seed makes a random valid network (5-40 junctions, 1-2 reservoirs, 0-3 tanks, pumps, valves, check valves,
// patterns, controls, rules, water quality, LPS/GPM/CMH, H-W/D-W/C-M, sometimes PDA; and, drawn from a second stream so
// that the first kinds stay as they were: pipes, check valves and pumps between tanks and between a reservoir and a
// tank, tanks that start full or empty, [DEMANDS] categories, emitters and EMITTER EXPONENT, SPECIFIC GRAVITY,
// VISCOSITY, pump efficiency curves, per-pump prices, a price pattern, and now and then a valve of any type at a
// tank or reservoir, which EPANET refuses for PRV, PSV and FCV), runs EPANET 2.2 on it (solveH,
// solveQ; results from EPANET's binary output file at its reporting times) and `wdnaccel simulate FILE --json`, and
// compares every node's head, demand and quality and every link's flow and status at every reporting time, and each
// pump's energy report. Cases:
//   agree / differ                      compared;
//   warned (compared, counted apart)    EPANET warning 4 (pump cannot deliver head), 5 (valve cannot deliver its
//                                       setting) or 6 (negative pressures): the results are still EPANET's answer;
//   skipped by EPANET                   an input error (then we check that our CLI refuses it too), or warning 1
//                                       (unbalanced), 2 (ill-conditioned) or 3 (disconnected nodes), where heads are noise;
//   cut off                             our run warns of junctions cut off from every source (skipped: heads there are noise);
//   refused by us                       our CLI exits 2 (listed with its message).
import fs from "fs";
import os from "os";
import path from "path";
import { epanet, opt, flag, cliPath, epanet22Workspace, perCfs, unitName, ft3, psiPerFt, draws, linkJunctions, mulberry32, num, runCli, withEpanetWarnings, reportWarningCodes } from "./epanet-fuzz-common.mjs";

const { Project, CountType, NodeProperty, TimeParameter, LinkType } = epanet;

// ---------- arguments ----------
const seed0 = Number(opt("--seed", "1"));
const count = Number(opt("--count", "50"));
const keepDir = opt("--keep", null);
const inpFile = opt("--inp", null);
// Every network with this head-loss formula (H-W, D-W or C-M) instead of the drawn one; the other draws stay as they were.
const forcedHeadloss = opt("--headloss", null);
if (forcedHeadloss !== null && !["H-W", "D-W", "C-M"].includes(forcedHeadloss)) throw new Error(`--headloss takes H-W, D-W or C-M, not ${forcedHeadloss}`);
const verbose = flag("--verbose");
// --lanes: also run each compared network as SIMD lanes of the batched GGA (`--demand-scenarios 3 --demand-spread 0
// --backend simd`: three copies of the network itself) and as one scalar engine per run (`--threaded`), and compare
// their summaries (lowest pressure, where and when, final tank levels, pump energy): the lanes must reproduce the
// engine, controls on junction pressure included. Networks the lanes do not model (valves, emitters, PDA) run
// threaded both ways and are not counted.
const lanes = flag("--lanes");
// --pump-pressure (never drawn, so seeds keep their networks without it): each pump also gets, now and then, a pair of
// controls on junction pressure, OPEN below one threshold and CLOSED above a higher one at another junction.
const pumpPressure = flag("--pump-pressure");
const cli = cliPath();

// ---------- EPANET 2.2 ----------
const ws = await epanet22Workspace();

// ---------- random network ----------
function generate(seed) {
  const { U, I, pick, chance } = draws(seed);
  // Elements added later draw from a stream of their own, so that the networks above stay those of the first version.
  const rx = mulberry32((seed * 2654435761) ^ 0x5bd1e995);
  const X = (a, b) => a + (b - a) * rx();
  const XI = (a, b) => Math.floor(X(a, b + 1));
  const xpick = xs => xs[Math.floor(rx() * xs.length)];
  const xchance = p => rx() < p;

  const units = pick(["LPS", "GPM", "CMH"]);
  const us = units === "GPM";
  // A quarter of the H-W networks become C-M, from a third stream so that every other draw stays as it was; the
  // drawn C then maps to Manning's n (80..140 -> 0.016..0.009).
  const drawnHeadloss = pick(["H-W", "D-W"]);
  const headloss = forcedHeadloss ?? (drawnHeadloss === "H-W" && mulberry32((seed * 40503) ^ 0x2545f491)() < 0.25 ? "C-M" : drawnHeadloss);
  // SI in the generator; converted to the file's units when written.
  const fL = x => (us ? x / 0.3048 : x);                          // m -> ft
  const fD = x => (us ? x / 0.0254 : x * 1000);                   // pipe diameter m -> in / mm
  const fQ = q => (q / ft3) * perCfs[units];                       // m3/s -> file flow units
  const fP = p => (us ? (p / 0.3048) * psiPerFt : p);             // pressure m -> psi
  const n = num;

  const nJ = I(5, 40);
  const J = [];
  for (let i = 0; i < nJ; i++) {
    const x = U(0, 3000), y = U(0, 3000);
    J.push({ id: `J${i + 1}`, x, y, elev: 5 + 0.008 * x + U(0, 10), demand: chance(0.2) ? 0 : U(0.1, 2.5) / 1000 });
  }
  const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
  const maxElev = Math.max(...J.map(j => j.elev)), minElev = Math.min(...J.map(j => j.elev));
  const pipes = []; // {id, a, b, len, d, rough, minor, cv, tree}
  const roughness = () => (headloss !== "D-W" ? U(80, 140) : U(0.01, 1.0) / 1000); // C (C-M: mapped to n when written), or epsilon in m
  const addPipe = (a, b, d, tree) => {
    const p = { id: `P${pipes.length + 1}`, a, b, len: Math.max(30, dist(a, b) * U(1, 1.3)), d, rough: roughness(),
      minor: chance(0.3) ? U(0, 10) : 0, cv: false, tree };
    pipes.push(p); return p;
  };
  linkJunctions(J, { I, pick }, dist, addPipe, [0.15, 0.2, 0.25, 0.3, 0.4], [0.1, 0.15, 0.2, 0.3], 3);

  const reservoirs = [], tanks = [], pumps = [], valves = [], curves = [], patterns = [];
  const R1 = { id: "R1", x: J[0].x - 100, y: J[0].y, head: maxElev + U(25, 50) };
  reservoirs.push(R1);
  addPipe(R1, J[0], pick([0.4, 0.5, 0.6]), true);
  if (chance(0.3)) {
    const j = pick(J.slice(1));
    const R2 = { id: "R2", x: j.x + 100, y: j.y, head: maxElev + U(20, 45) };
    reservoirs.push(R2);
    addPipe(R2, j, pick([0.2, 0.3, 0.4]), false);
  }
  if (chance(0.15)) { // a reservoir head pattern
    patterns.push({ id: "RHEAD", v: Array.from({ length: 24 }, () => U(0.95, 1.05)) });
    R1.pattern = "RHEAD";
  }
  const totalDemand = J.reduce((s, j) => s + j.demand, 0);
  const nT = pick([0, 1, 1, 2, 3]);
  for (let t = 0; t < nT; t++) {
    const j = pick(J);
    const min = U(0.3, 1.0), max = U(4, 9), init = U(min + 0.2, max - 0.2);
    const target = R1.head - U(-5, 10);
    const T = { id: `T${t + 1}`, x: j.x, y: j.y + 100, elev: target - init, init, min, max, diam: pick([5, 8, 12, 20, 25]), curve: null,
      mix: pick(["MIXED", "MIXED", "2COMP", "FIFO", "LIFO"]), c0: U(0, 1) };
    if (chance(0.15)) { // a volume curve (EPANET 2.2: the diameter must still be > 0)
      const c = { id: `VOL${t + 1}`, kind: "VOLUME", pts: [] };
      for (let k = 0; k <= 4; k++) { const lv = (max * 1.2 * k) / 4; c.pts.push([lv, lv * (Math.PI / 4) * T.diam ** 2 * U(0.8, 1.2) + (k ? c.pts[k - 1][1] * 0.05 : 0)]); }
      c.pts.forEach((p, k) => { if (k && p[1] <= c.pts[k - 1][1]) p[1] = c.pts[k - 1][1] + 1; });
      curves.push(c); T.curve = c.id;
    }
    tanks.push(T);
    addPipe(T, j, pick([0.2, 0.3, 0.4]), false);
  }
  const nP = pick([0, 0, 1, 1, 2]);
  for (let u = 0; u < nP; u++) {
    const j = pick(J);
    const RP = { id: `RP${u + 1}`, x: j.x - 50, y: j.y - 50, head: minElev - U(0, 10) };
    reservoirs.push(RP);
    const Q = Math.max(0.003, totalDemand * U(0.3, 1.0)), H = maxElev + U(25, 45) - RP.head;
    const p = { id: `PU${u + 1}`, a: RP, b: j, kind: pick(["1PT", "3PT", "POWER"]), pattern: null, speed: null, closed: false };
    if (p.kind === "POWER") p.power = (9.81 * Q * H) / U(0.6, 0.8); // kW
    else {
      const c = { id: `PC${u + 1}`, kind: "PUMP", pts: p.kind === "1PT" ? [[Q, H]]
        : [[0, H * U(1.25, 1.4)], [Q, H], [Q * U(1.6, 2.0), H * U(0.3, 0.6)]] };
      curves.push(c); p.curve = c.id;
    }
    if (chance(0.3)) {
      const pat = { id: `SPD${u + 1}`, v: Array.from({ length: 24 }, () => (chance(0.2) ? 0 : U(0.8, 1.2))) };
      patterns.push(pat); p.pattern = pat.id;
    } else if (chance(0.2)) p.speed = U(0.8, 1.2);
    if (chance(0.15)) p.closed = true;
    pumps.push(p);
  }
  // Links between storage nodes (EPANET 2.2's tankstatus checks one end of such a link only): a pipe or a pump from a
  // tank to a tank, a pipe between a reservoir and a tank, a pump from a reservoir into a tank; a check valve now and then.
  const extraPumpCurve = (id, Q, H) => { const c = { id, kind: "PUMP", pts: [[Q, H]] }; curves.push(c); return c.id; };
  if (tanks.length >= 2 && xchance(0.4)) {
    const [ta, tb] = xchance(0.5) ? [tanks[0], tanks[1]] : [tanks[1], tanks[0]];
    if (xchance(0.7)) { const p = addPipe(ta, tb, xpick([0.1, 0.15, 0.2, 0.3]), false); p.cv = xchance(0.2); }
    else pumps.push({ id: `PU${pumps.length + 1}`, a: ta, b: tb, kind: "1PT", curve: extraPumpCurve(`PCT${pumps.length + 1}`, X(0.002, 0.01), X(3, 15)), pattern: null, speed: null, closed: xchance(0.2) });
  }
  if (tanks.length && xchance(0.3)) {
    const t = xpick(tanks), r = xpick(reservoirs.filter(x => !x.id.startsWith("RP")));
    if (xchance(0.7)) { const p = xchance(0.5) ? addPipe(r, t, xpick([0.1, 0.15, 0.2]), false) : addPipe(t, r, xpick([0.1, 0.15, 0.2]), false); p.cv = xchance(0.2); }
    else {
      const RP = { id: `RT${reservoirs.length + 1}`, x: t.x + 50, y: t.y + 50, head: t.elev - X(0, 5) };
      reservoirs.push(RP);
      pumps.push({ id: `PU${pumps.length + 1}`, a: RP, b: t, kind: "1PT", curve: extraPumpCurve(`PCT${pumps.length + 1}`, X(0.002, 0.01), t.elev + t.max - RP.head + X(2, 10)), pattern: null, speed: null, closed: false });
    }
  }
  // A tank that starts full or empty.
  for (const t of tanks) if (xchance(0.1)) t.init = xchance(0.5) ? t.min : t.max;
  // Pump efficiency curves, per-pump prices and price patterns (energy report).
  for (const p of pumps) {
    if (xchance(0.3)) {
      const q0 = p.kind === "POWER" ? 0.01 : curves.find(c => c.id === p.curve).pts[p.kind === "1PT" ? 0 : 1][0];
      const c = { id: `EFF${p.id}`, kind: "EFFICIENCY", pts: [[q0 * 0.3, X(40, 55)], [q0, X(70, 85)], [q0 * 2, X(45, 60)]] };
      curves.push(c); p.effCurve = c.id;
    }
    if (xchance(0.2)) p.price = X(0.05, 0.3);
  }
  const pricePattern = pumps.length && xchance(0.3);
  if (pricePattern) patterns.push({ id: "PRICE", v: Array.from({ length: 24 }, (_, h) => (h >= 7 && h < 22 ? X(1.2, 1.8) : X(0.5, 0.9))) });
  // A valve touching a tank or reservoir: EPANET 2.2 refuses PRV, PSV and FCV there (error 219), so must we.
  const storageValve = xchance(0.05) ? { id: "VS1", a: xpick([...tanks, ...reservoirs]), b: xpick(J), type: xpick(["PRV", "PSV", "FCV", "TCV", "PBV", "GPV"]) } : null;
  if (storageValve && xchance(0.5)) { const t = storageValve.a; storageValve.a = storageValve.b; storageValve.b = t; }

  // valves replace junction-junction pipes; no two valves share a node (EPANET's valve checks)
  const valveNodes = new Set();
  for (let v = pick([0, 0, 1, 2, 3]); v > 0; v--) {
    const cand = pipes.filter(p => p.a.id.startsWith("J") && p.b.id.startsWith("J") && !valveNodes.has(p.a.id) && !valveNodes.has(p.b.id));
    if (!cand.length) break;
    const p = pick(cand);
    pipes.splice(pipes.indexOf(p), 1);
    valveNodes.add(p.a.id); valveNodes.add(p.b.id);
    const type = pick(["PRV", "PRV", "PSV", "FCV", "TCV", "PBV", "GPV"]);
    const val = { id: `V${valves.length + 1}`, a: p.a, b: p.b, d: p.d, type, minor: chance(0.3) ? U(0, 5) : 0, fixed: null };
    if (type === "PRV") val.setting = U(15, 45);
    else if (type === "PSV") val.setting = U(10, 35);
    else if (type === "FCV") val.setting = U(0.5, 8) / 1000;
    else if (type === "TCV") val.setting = U(1, 50);
    else if (type === "PBV") val.setting = U(0.5, 5);
    else {
      const c = { id: `GC${valves.length + 1}`, kind: "HEADLOSS", pts: [[0, 0], [U(5, 15) / 1000, U(0.2, 1)], [U(20, 40) / 1000, U(2, 5)], [U(60, 100) / 1000, U(8, 20)]] };
      curves.push(c); val.curve = c.id;
    }
    if (type !== "GPV" && chance(0.1)) val.fixed = pick(["OPEN", "CLOSED"]);
    valves.push(val);
  }
  for (let c = pick([0, 0, 1, 2, 3]); c > 0; c--) {
    const p = pick(pipes.filter(q => !q.cv));
    p.cv = true;
    if (chance(0.5)) { const t = p.a; p.a = p.b; p.b = t; }
  }
  // demand patterns
  const nPat = I(1, 2);
  for (let k = 0; k < nPat; k++) {
    const ph = U(0, 24), amp = U(0.2, 0.8);
    patterns.push({ id: `DEM${k + 1}`, v: Array.from({ length: 24 }, (_, h) => Math.max(0.05, 1 + amp * Math.sin((2 * Math.PI * (h - ph)) / 24) + U(-0.1, 0.1))) });
  }
  for (const j of J) j.pattern = j.demand > 0 ? `DEM${I(1, nPat)}` : null;
  // [DEMANDS]: further demand categories (EPANET 2.2: the first [DEMANDS] line of a junction replaces its [JUNCTIONS] demand).
  const demands = [];
  if (xchance(0.25)) for (const j of J) if (xchance(0.3)) for (let k = XI(1, 2); k > 0; k--) demands.push({ j, d: X(0.05, 1.5) / 1000, pat: xchance(0.7) ? `DEM${XI(1, nPat)}` : "" });
  // Emitters (q = C·p^γ), now and then with an EMITTER EXPONENT of their own.
  const emitters = [];
  const emitterExponent = xchance(0.3) ? X(0.5, 1.0) : 0.5;
  if (xchance(0.2)) for (let k = XI(1, 3); k > 0; k--) emitters.push({ j: xpick(J), c: X(0.02, 0.2) / 1000 });
  const specificGravity = xchance(0.15) ? X(0.95, 1.05) : null;
  const viscosity = xchance(0.15) ? X(0.7, 1.4) : null;

  // times and options
  const duration = I(6, 24) * 3600;
  const reportStep = pick([3600, 3600, 3600, 7200, 2700, 5400, 2400]);
  const reportStart = pick([0, 0, 0, 3600, 1800]);
  const start = I(0, 23);
  const pda = chance(0.2);
  const qual = pick(["NONE", "NONE", "CHEMICAL", "CHEMICAL", "AGE", "TRACE"]);

  // controls and rules
  const hm = s => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}`;
  const controls = [], rules = [];
  const plain = pipes.filter(p => !p.cv && !p.tree);
  for (let c = I(0, 4); c > 0; c--) {
    const kind = I(0, 5);
    if (kind === 0 && plain.length) {
      const p = pick(plain), a = I(1, duration / 3600 - 1), b = I(a, duration / 3600);
      controls.push(`LINK ${p.id} CLOSED AT TIME ${a}`, `LINK ${p.id} OPEN AT TIME ${b}`);
    } else if (kind === 1 && pumps.length && tanks.length) {
      const p = pick(pumps), t = pick(tanks);
      const lo = U(t.min, t.init), hi = U(t.init, t.max);
      controls.push(`LINK ${p.id} OPEN IF NODE ${t.id} BELOW ${n(fL(lo), 3)}`, `LINK ${p.id} CLOSED IF NODE ${t.id} ABOVE ${n(fL(hi), 3)}`);
    } else if (kind === 2 && plain.length) {
      const p = pick(plain), h = I(1, 12);
      controls.push(`LINK ${p.id} ${pick(["OPEN", "CLOSED"])} AT CLOCKTIME ${h} ${pick(["AM", "PM"])}`);
    } else if (kind === 3 && plain.length) {
      const p = pick(plain), j = pick(J);
      controls.push(`LINK ${p.id} ${pick(["OPEN", "CLOSED"])} IF NODE ${j.id} BELOW ${n(fP(U(15, 40)), 2)}`);
    } else if (kind === 4 && valves.length) {
      const v = pick(valves.filter(x => x.type !== "GPV").concat(valves.slice(0, 0)));
      if (v) {
        const s = v.type === "FCV" ? n(fQ(U(0.5, 8) / 1000), 3) : v.type === "TCV" ? n(U(1, 50), 2) : n(fP(U(10, 40)), 2);
        controls.push(`LINK ${v.id} ${s} AT TIME ${I(1, duration / 3600)}`);
      }
    } else if (kind === 5 && pumps.length) {
      controls.push(`LINK ${pick(pumps).id} ${n(U(0.7, 1.2), 2)} AT TIME ${I(0, duration / 3600)}`);
    }
  }
  if (pumpPressure) {
    for (const p of pumps) {
      if (!chance(0.7)) continue;
      const lo = U(10, 30), hi = lo + U(5, 25);
      controls.push(`LINK ${p.id} OPEN IF NODE ${pick(J).id} BELOW ${n(fP(lo), 2)}`, `LINK ${p.id} CLOSED IF NODE ${pick(J).id} ABOVE ${n(fP(hi), 2)}`);
    }
  }
  for (let r = I(0, 2); r > 0; r--) {
    const kind = I(0, 2), id = `RULE${rules.length + 1}`;
    if (kind === 0 && pumps.length && tanks.length) {
      const p = pick(pumps), t = pick(tanks);
      rules.push(`RULE ${id}`, `IF TANK ${t.id} LEVEL BELOW ${n(fL(U(t.min, t.max)), 3)}`, `THEN PUMP ${p.id} STATUS IS OPEN`,
        `ELSE PUMP ${p.id} STATUS IS CLOSED`, `PRIORITY ${I(1, 5)}`, "");
    } else if (kind === 1 && plain.length) {
      const p = pick(plain), a = I(1, 11);
      rules.push(`RULE ${id}`, `IF SYSTEM CLOCKTIME >= ${a} AM`, `AND SYSTEM CLOCKTIME < ${I(1, 11)} PM`,
        `THEN PIPE ${p.id} STATUS IS CLOSED`, `ELSE PIPE ${p.id} STATUS IS OPEN`, "");
    } else if (kind === 2 && valves.some(v => v.type === "PRV" || v.type === "PSV")) {
      const v = pick(valves.filter(x => x.type === "PRV" || x.type === "PSV")), j = pick(J);
      rules.push(`RULE ${id}`, `IF JUNCTION ${j.id} PRESSURE BELOW ${n(fP(U(15, 40)), 2)}`,
        `THEN VALVE ${v.id} SETTING IS ${n(fP(U(10, 40)), 2)}`, `PRIORITY ${I(1, 5)}`, "");
    }
  }

  // ---------- write ----------
  const L = [];
  const sec = s => L.push("", `[${s}]`);
  L.push("[TITLE]", `eps-vs-epanet seed ${seed}`);
  sec("JUNCTIONS");
  for (const j of J) L.push(` ${j.id} ${n(fL(j.elev), 3)} ${n(fQ(j.demand), 5)} ${j.pattern ?? ""}`);
  sec("RESERVOIRS");
  for (const r of reservoirs) L.push(` ${r.id} ${n(fL(r.head), 3)} ${r.pattern ?? ""}`);
  if (tanks.length) {
    sec("TANKS");
    for (const t of tanks) L.push(` ${t.id} ${n(fL(t.elev), 3)} ${n(fL(t.init), 3)} ${n(fL(t.min), 3)} ${n(fL(t.max), 3)} ${n(fL(t.diam), 3)} 0 ${t.curve ?? ""}`);
  }
  sec("PIPES");
  const rough = r => (headloss === "H-W" ? n(r, 2) : headloss === "C-M" ? n(0.016 - ((r - 80) / 60) * 0.007, 5)
    : n(us ? (r / 0.3048) * 1000 : r * 1000, 4)); // C-M: Manning's n; D-W: mm, or 1e-3 ft
  for (const p of pipes) L.push(` ${p.id} ${p.a.id} ${p.b.id} ${n(fL(p.len), 2)} ${n(fD(p.d), 3)} ${rough(p.rough)} ${n(p.minor, 3)} ${p.cv ? "CV" : "Open"}`);
  if (pumps.length) {
    sec("PUMPS");
    for (const p of pumps) {
      const parts = [p.kind === "POWER" ? `POWER ${n(us ? p.power / 0.7457 : p.power, 3)}` : `HEAD ${p.curve}`];
      if (p.speed) parts.push(`SPEED ${n(p.speed, 3)}`);
      if (p.pattern) parts.push(`PATTERN ${p.pattern}`);
      L.push(` ${p.id} ${p.a.id} ${p.b.id} ${parts.join(" ")}`);
    }
  }
  if (valves.length) {
    sec("VALVES");
    for (const v of valves) {
      const s = v.type === "GPV" ? v.curve : v.type === "FCV" ? n(fQ(v.setting), 4) : v.type === "TCV" ? n(v.setting, 3) : n(fP(v.setting), 3);
      L.push(` ${v.id} ${v.a.id} ${v.b.id} ${n(fD(v.d), 3)} ${v.type} ${s} ${n(v.minor, 3)}`);
    }
  }
  if (storageValve) {
    sec("VALVES");
    const v = storageValve;
    if (v.type === "GPV") curves.push({ id: "GCS", kind: "HEADLOSS", pts: [[0, 0], [0.01, 0.5], [0.05, 5]] });
    const s = v.type === "GPV" ? "GCS" : v.type === "FCV" ? n(fQ(0.002), 4) : v.type === "TCV" ? "5" : n(fP(v.type === "PBV" ? 2 : 20), 3);
    L.push(` ${v.id} ${v.a.id} ${v.b.id} ${n(fD(0.2), 3)} ${v.type} ${s} 0`);
  }
  if (demands.length) { sec("DEMANDS"); for (const d of demands) L.push(` ${d.j.id} ${n(fQ(d.d), 5)} ${d.pat}`); }
  if (emitters.length) { sec("EMITTERS"); for (const e of emitters) L.push(` ${e.j.id} ${n(fQ(e.c) / fP(1) ** emitterExponent, 6)}`); }
  const status = [...pumps.filter(p => p.closed).map(p => ` ${p.id} CLOSED`), ...valves.filter(v => v.fixed).map(v => ` ${v.id} ${v.fixed}`)];
  if (status.length) { sec("STATUS"); L.push(...status); }
  if (curves.length) {
    sec("CURVES");
    for (const c of curves) {
      L.push(`;${c.kind}`);
      for (const [x, y] of c.pts) {
        const xs = c.kind === "VOLUME" ? n(fL(x), 4) : n(fQ(x), 4);
        const ys = c.kind === "VOLUME" ? n(us ? y / ft3 : y, 3) : c.kind === "EFFICIENCY" ? n(y, 2) : n(fL(y), 4);
        L.push(` ${c.id} ${xs} ${ys}`);
      }
    }
  }
  sec("PATTERNS");
  for (const p of patterns) for (let k = 0; k < p.v.length; k += 6) L.push(` ${p.id} ${p.v.slice(k, k + 6).map(x => n(x, 3)).join(" ")}`);
  if (controls.length) { sec("CONTROLS"); L.push(...controls.map(c => " " + c)); }
  if (rules.length) { sec("RULES"); L.push(...rules); }
  if (qual !== "NONE") {
    sec("QUALITY");
    for (const r of reservoirs) L.push(` ${r.id} ${qual === "CHEMICAL" ? n(U(0.2, 1.5), 3) : 0}`);
    if (qual === "CHEMICAL") for (const t of tanks) L.push(` ${t.id} ${n(t.c0, 3)}`);
    if (qual === "CHEMICAL") {
      sec("REACTIONS");
      L.push(` Order Bulk ${pick([1, 1, 2, 0])}`, ` Order Wall ${pick([1, 1, 0])}`, ` Global Bulk ${n(-U(0.1, 1.5), 3)}`, ` Global Wall ${n(-U(0, 0.5), 3)}`);
      if (tanks.length && chance(0.5)) L.push(` Tank ${pick(tanks).id} ${n(-U(0, 1), 3)}`);
      if (chance(0.4)) {
        sec("SOURCES");
        const type = pick(["CONCEN", "MASS", "SETPOINT", "FLOWPACED"]);
        const node = type === "CONCEN" ? pick(reservoirs) : pick(J);
        L.push(` ${node.id} ${type} ${n(type === "MASS" ? U(10, 200) : U(0.2, 2), 3)}`);
      }
    }
    if (tanks.length) { sec("MIXING"); for (const t of tanks) L.push(` ${t.id} ${t.mix}${t.mix === "2COMP" ? " " + n(U(0.2, 0.8), 2) : ""}`); }
  }
  sec("TIMES");
  L.push(` Duration ${hm(duration)}`, " Hydraulic Timestep 1:00", " Pattern Timestep 1:00", ` Report Timestep ${hm(reportStep)}`,
    ` Report Start ${hm(reportStart)}`, ` Start ClockTime ${start}:00`);
  if (chance(0.15)) L.push(` Pattern Start ${pick(["0:30", "2:00", "5:00", "1:15"])}`);
  if (qual !== "NONE" && chance(0.5)) L.push(` Quality Timestep 0:${pick(["01", "05", "10"])}`);
  sec("OPTIONS");
  L.push(` Units ${units}`, ` Headloss ${headloss}`);
  if (qual === "CHEMICAL") L.push(" Quality Chlorine mg/L");
  else if (qual === "AGE") L.push(" Quality Age");
  else if (qual === "TRACE") L.push(" Quality Trace R1");
  if (pda) L.push(" Demand Model PDA", ` Minimum Pressure ${n(fP(U(0, 5)), 2)}`, ` Required Pressure ${n(fP(U(15, 30)), 2)}`, ` Pressure Exponent ${n(U(0.5, 0.7), 2)}`);
  if (emitterExponent !== 0.5) L.push(` Emitter Exponent ${n(emitterExponent, 3)}`);
  if (specificGravity) L.push(` Specific Gravity ${n(specificGravity, 3)}`);
  if (viscosity) L.push(` Viscosity ${n(viscosity, 3)}`);
  if (pumps.length) {
    sec("ENERGY");
    L.push(" Global Efficiency 75", " Global Price 0.1");
    if (pricePattern) L.push(" Global Pattern PRICE");
    for (const p of pumps) {
      if (p.effCurve) L.push(` Pump ${p.id} Efficiency ${p.effCurve}`);
      if (p.price) L.push(` Pump ${p.id} Price ${n(p.price, 3)}`);
    }
  }
  L.push("", "[END]", "");
  return L.join("\n");
}

// ---------- EPANET run ----------
function readOut(bytes, nNodes, nLinks, nPumps) {
  // EPANET 2.2 binary output file: prolog, energy section, one block per reporting period, epilog.
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  const nPer = dv.getInt32(size - 12, true), warn = dv.getInt32(size - 8, true);
  const perBytes = 4 * (4 * nNodes + 8 * nLinks);
  const dynStart = size - 28 - nPer * perBytes;
  const energyStart = dynStart - (28 * nPumps + 4);
  const energy = [];
  for (let p = 0; p < nPumps; p++) {
    const o = energyStart + 28 * p, v = [];
    for (let j = 0; j < 6; j++) v.push(dv.getFloat32(o + 4 + 4 * j, true));
    energy.push({ link: dv.getInt32(o, true), v });
  }
  const f = (k, off) => dv.getFloat32(dynStart + k * perBytes + 4 * off, true);
  return {
    nPer, warn, energy,
    demand: (k, i) => f(k, i), head: (k, i) => f(k, nNodes + i), quality: (k, i) => f(k, 3 * nNodes + i),
    flow: (k, j) => f(k, 4 * nNodes + j), status: (k, j) => Math.round(f(k, 4 * nNodes + 4 * nLinks + j)),
  };
}

function runEpanet(inpText) {
  const [result, warned] = withEpanetWarnings(() => runEpanetQuietly(inpText));
  if (!result.error) result.codes = [...new Set([...warned, ...result.codes])].sort();
  return result;
}

function runEpanetQuietly(inpText) {
  const m = new Project(ws);
  let closed = false;
  try {
    ws.writeFile("f.inp", inpText);
    try { m.open("f.inp", "f.rpt", "f.out"); }
    catch (e) { return { error: String(e.message ?? e) }; }
    try {
      m.solveH(); m.solveQ(); m.report();
    } catch (e) { return { error: String(e.message ?? e) }; }
    const rpt = ws.readFile("f.rpt");
    const codes = reportWarningCodes(rpt);
    const nNodes = m.getCount(CountType.NodeCount), nLinks = m.getCount(CountType.LinkCount);
    const units = unitName[m.getFlowUnits()];
    const nodes = [], links = [];
    for (let i = 1; i <= nNodes; i++) nodes.push({ id: m.getNodeId(i), type: m.getNodeType(i), elev: m.getNodeValue(i, NodeProperty.Elevation) });
    for (let j = 1; j <= nLinks; j++) { const e = m.getLinkNodes(j); links.push({ id: m.getLinkId(j), type: m.getLinkType(j), n1: e.node1 - 1, n2: e.node2 - 1 }); }
    const pumpLinks = links.map((l, j) => (l.type === LinkType.Pump ? j : -1)).filter(j => j >= 0);
    const T = p => m.getTimeParameter(p);
    const times = { duration: T(TimeParameter.Duration), rstep: T(TimeParameter.ReportStep), rstart: T(TimeParameter.ReportStart) };
    const out = readOut(ws.readFile("f.out", "binary"), nNodes, nLinks, pumpLinks.length);
    const qualType = m.getQualityInfo().qualType;
    m.close();
    closed = true;
    return { codes, units, nodes, links, times, out, qualType, rptWarnings: [...rpt.matchAll(/WARNING: ([^\n]*)/g)].map(x => x[1]).slice(0, 3) };
  } finally {
    // Closed on every path: a long run once stalled inside EPANET on a case that runs alone in a second, after input
    // errors had left projects open; with this it has not.
    if (!closed) try { m.close(); } catch { /* nothing was opened */ }
  }
}

// ---------- ours ----------
function runOurs(inpPath) {
  return runCli(cli, ["simulate", inpPath]);
}

// The same network as SIMD lanes and threaded (--lanes): null when both agree or the lanes fell back, else the difference.
function lanesAgainstThreaded(inpPath) {
  const run = extra => runCli(cli, ["simulate", inpPath, "--demand-scenarios", "3", "--demand-spread", "0", "--seed", "1", ...extra]);
  const a = run(["--backend", "simd"]), b = run(["--threaded"]);
  if (a.refused || a.crash || b.refused || b.crash) return { differ: `lanes ${a.refused ?? a.crash ?? "ran"}, threaded ${b.refused ?? b.crash ?? "ran"}` };
  if (a.json.settings.path !== "batched") return { fellBack: true };
  for (let i = 0; i < 3; i++) {
    const x = a.json.candidates[i], y = b.json.candidates[i];
    const close = (u, v, tol) => Math.abs(u - v) <= tol * Math.max(1, Math.abs(v));
    if (x.converged !== y.converged) return { differ: `run ${i}: converged ${x.converged} as lanes, ${y.converged} threaded` };
    if (!close(x.min_pressure, y.min_pressure, 1e-4)) return { differ: `run ${i}: lowest pressure ${x.min_pressure} m as lanes, ${y.min_pressure} m threaded` };
    if (!close(x.energy_kwh, y.energy_kwh, 1e-4)) return { differ: `run ${i}: energy ${x.energy_kwh} kWh as lanes, ${y.energy_kwh} kWh threaded` };
    for (let t = 0; t < x.final_tank_levels.length; t++)
      if (!close(x.final_tank_levels[t], y.final_tank_levels[t], 1e-4)) return { differ: `run ${i}: tank ${t} ends at ${x.final_tank_levels[t]} m as lanes, ${y.final_tank_levels[t]} m threaded` };
  }
  return { batchedPeriods: a.json.settings.batched_periods, scalarPeriods: a.json.settings.scalar_periods };
}

// ---------- compare ----------
// Tolerances. Both engines run the same GGA with the same stopping test (sum|dQ|/sum|Q| <= ACCURACY 0.001), the same
// status checks and time steps, so they should agree far inside the convergence tolerance (the committed references
// agree to ~1e-5 m and ~1e-4 L/s). Heads: 1e-3 m (EPANET's output file is single precision: ~1e-5 m at 100 m).
// Flows: 1e-3 L/s + 1e-4 relative (convergence noise on large flows; float32 gives 6e-8 relative).
// Quality: 1e-3 (mg/L, h or %) + 1e-3 relative (the references reach 1e-8; Net2's tolerance-coin-toss merges reach
// 1.5e-3 mg/L, see docs/extended-period.md). Pump energy: 1e-3 relative (the energy table's accuracy in our tests).
const TOL = { head: 1e-3, flowAbs: 1e-6, flowRel: 1e-4, qAbs: 1e-3, qRel: 1e-3, energyRel: 1e-3 };
const F32 = 2 ** -24; // half an ulp of float32, relative
const CUT_OFF_HEAD = -1e4; // m: a head below this belongs to junctions cut off from every source
const CLOSED_BY_EPANET = c => c <= 2;
function ourCode(l) {
  if (l.status === "closed") return 2;
  if (l.status === "active") return 4;
  if (l.status_detail === "cannot deliver its flow setting") return 6;
  if (l.status_detail === "cannot hold its pressure setting") return 7;
  return 3;
}

// Q_STAGNANT of EPANET 2.2 (quality.c): 0.005 gpm in cfs, as m3/s.
const Q_STAGNANT = (0.005 / 448.831) * ft3;

function compare(ep, ours) {
  const problems = [];
  let stagnant = 0, real = 0;
  const say = (s, isStagnant = false) => { if (isStagnant) stagnant++; else real++; if (problems.length < 40) problems.push(isStagnant ? s + " [stagnant]" : s); };
  // A node none of whose links carries more than Q_STAGNANT (EPANET's flows): its quality rests on round-off flows
  // (EPANET 0, ours 1e-15 m3/s or the reverse) that carry a neighbour's water in or not; counted apart.
  const adjacent = ep.nodes.map(() => []);
  ep.links.forEach((l, j) => { adjacent[l.n1].push(j); adjacent[l.n2].push(j); });
  const us = ["CFS", "GPM", "MGD", "IMGD", "AFD"].includes(ep.units);
  const L = us ? 0.3048 : 1;
  const Q = ft3 / perCfs[ep.units];
  const nodeIdx = new Map(ours.steps[0]?.nodes.map((x, i) => [x.id, i]) ?? []);
  const linkIdx = new Map(ours.steps[0]?.links.map((x, i) => [x.id, i]) ?? []);
  const { rstart, rstep } = ep.times;
  let worst = { head: 0, flow: 0, qual: 0 };
  if (ours.steps.length !== ep.out.nPer) say(`report steps: ours ${ours.steps.length}, EPANET ${ep.out.nPer}`);
  for (let k = 0; k < ep.out.nPer; k++) {
    // EPANET labels period k rstart + k*rstep but saves the state of the first hydraulic time at or after it
    // (quality.c runqual); we report that state under its own time, so match by period and check the time's window.
    const label = rstart + k * rstep;
    const s = ours.steps[k];
    if (!s) { say(`period ${k} (${label} s): no step of ours`); continue; }
    const t = s.time;
    if (!(t >= label && t < label + rstep)) say(`period ${k}: ours at ${t} s, EPANET's label ${label} s`);
    ep.nodes.forEach((nd, i) => {
      const o = s.nodes[nodeIdx.get(nd.id)];
      const h = ep.out.head(k, i) * L;
      const dh = Math.abs(o.head - h);
      worst.head = Math.max(worst.head, dh);
      // EPANET's output file holds float32: a head of 2e6 m (a junction cut off behind a closed valve) is known to 0.12 m.
      // Such heads (CBIG times a round-off flow, under EPANET's warning 6) are compared to 1e-6 of themselves.
      if (!(dh <= TOL.head + F32 * Math.abs(h) + (h < CUT_OFF_HEAD ? 1e-6 * Math.abs(h) : 0))) say(`t=${t} node ${nd.id}: head ${o.head?.toFixed(4)} vs EPANET ${h.toFixed(4)}`);
      const d = ep.out.demand(k, i) * Q;
      if (!(Math.abs(o.demand - d) <= TOL.flowAbs + TOL.flowRel * Math.abs(d))) say(`t=${t} node ${nd.id}: demand ${(o.demand * 1e3).toFixed(4)} vs EPANET ${(d * 1e3).toFixed(4)} L/s`);
      if (ep.qualType > 0) {
        const c = ep.out.quality(k, i), dc = Math.abs(o.quality - c);
        worst.qual = Math.max(worst.qual, dc);
        const still = adjacent[i].every(j => Math.abs(ep.out.flow(k, j) * Q) < Q_STAGNANT);
        if (!(dc <= TOL.qAbs + TOL.qRel * Math.abs(c))) say(`t=${t} node ${nd.id}: quality ${o.quality?.toFixed(5)} vs EPANET ${c.toFixed(5)}`, still);
      }
    });
    ep.links.forEach((ln, j) => {
      const o = s.links[linkIdx.get(ln.id)];
      const q = ep.out.flow(k, j) * Q;
      const dq = Math.abs(o.flow - q);
      worst.flow = Math.max(worst.flow, dq);
      if (!(dq <= TOL.flowAbs + TOL.flowRel * Math.abs(q))) say(`t=${t} link ${ln.id}: flow ${(o.flow * 1e3).toFixed(4)} (${o.status}) vs EPANET ${(q * 1e3).toFixed(4)} L/s (code ${ep.out.status(k, j)})`);
      let a = ourCode(o), b = ep.out.status(k, j);
      if (CLOSED_BY_EPANET(b)) b = 2;
      if (b === 5) b = 3; // XFLOW: a pump beyond its curve, open
      if (ln.type === LinkType.TCV || ln.type === LinkType.GPV || ln.type === LinkType.PBV) { if (a === 4) a = 3; if (b === 4) b = 3; } // TCV, GPV, PBV: open = active (documented)
      if (a !== b) say(`t=${t} link ${ln.id}: status ${o.status}${o.status_detail ? " (" + o.status_detail + ")" : ""} vs EPANET code ${ep.out.status(k, j)}`);
    });
  }
  ep.out.energy.forEach(e => {
    const id = ep.links[e.link - 1].id;
    const p = ours.pumps.find(x => x.id === id);
    const [util, , , avgKw, peakKw] = e.v;
    for (const [what, a, b] of [["utilization", p.utilization, util], ["average_kw", p.average_kw, avgKw], ["peak_kw", p.peak_kw, peakKw]])
      if (!(Math.abs(a - b) <= TOL.energyRel * Math.max(1, Math.abs(b)))) say(`pump ${id}: ${what} ${a.toFixed(4)} vs EPANET ${b.toFixed(4)}`);
  });
  return { problems, worst, onlyStagnant: real === 0 && stagnant > 0 };
}

// ---------- main ----------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eps-fuzz-"));
const tally = { run: 0, agree: 0, differ: 0, warnedAgree: 0, warnedDiffer: 0, epanetError: 0, epanetSkipWarn: 0, refused: 0, crash: 0, bothRefuse: 0, epanetErrorWeRan: 0, stagnant: 0, cutOff: 0,
  lanesAgree: 0, lanesDiffer: 0, lanesFellBack: 0, lanesPressureControls: 0, lanesScalarPeriods: 0 };
const lists = { refused: [], differ: [], crash: [], epanetErrorWeRan: [], stagnant: [], lanesDiffer: [] };
const cases = inpFile ? [{ name: path.basename(inpFile), text: fs.readFileSync(inpFile, "utf8") }]
  : Array.from({ length: count }, (_, k) => ({ name: `seed${seed0 + k}`, seed: seed0 + k }));
for (const c of cases) {
  const text = c.text ?? generate(c.seed);
  const file = path.join(tmp, `${c.name}.inp`);
  fs.writeFileSync(file, text);
  tally.run++;
  const ep = runEpanet(text);
  const keep = why => { if (keepDir) { fs.mkdirSync(keepDir, { recursive: true }); fs.writeFileSync(path.join(keepDir, `${c.name}.inp`), text); fs.writeFileSync(path.join(keepDir, `${c.name}.txt`), why + "\n"); } };
  if (ep.error) {
    const ours = runOurs(file);
    if (ours.refused || ours.crash) tally.bothRefuse++, tally.epanetError++;
    else { tally.epanetErrorWeRan++; lists.epanetErrorWeRan.push(`${c.name}: EPANET ${ep.error}`); keep(`EPANET: ${ep.error}; ours ran`); }
    if (verbose) console.log(`${c.name}: EPANET error ${ep.error}`);
    continue;
  }
  if (ep.codes.some(x => x <= 3 || x > 6)) {
    tally.epanetSkipWarn++;
    if (verbose) console.log(`${c.name}: skipped, EPANET warnings ${ep.codes} ${ep.rptWarnings.join("; ")}`);
    continue;
  }
  const ours = runOurs(file);
  if (ours.refused) { tally.refused++; lists.refused.push(`${c.name}: ${ours.refused}`); continue; }
  if (ours.crash) { tally.crash++; lists.crash.push(`${c.name}: ${ours.crash}`); keep(ours.crash); continue; }
  // Junctions cut off from every source (EPANET does not always warn, e.g. under PDA): their heads are noise in both.
  if (ours.json.warnings.some(w => w.code === "disconnected")) {
    tally.cutOff++;
    if (verbose || inpFile) console.log(`${c.name}: skipped, junctions cut off from every source (our warning)`);
    continue;
  }
  const { problems, worst, onlyStagnant } = compare(ep, ours.json);
  const warned = ep.codes.length > 0;
  if (lanes) {
    const l = lanesAgainstThreaded(file);
    if (l.fellBack) tally.lanesFellBack++;
    else if (l.differ) { tally.lanesDiffer++; lists.lanesDiffer.push(`${c.name}: ${l.differ}`); keep(`lanes against threaded: ${l.differ}`); }
    else {
      tally.lanesAgree++;
      tally.lanesScalarPeriods += l.scalarPeriods;
      if (/IF NODE J\S* (ABOVE|BELOW)/.test(text)) tally.lanesPressureControls++;
    }
  }
  if (onlyStagnant) {
    tally.stagnant++;
    lists.stagnant.push(`${c.name}: ${problems.length} quality differences at stagnant nodes, first: ${problems[0]}`);
    if (verbose || inpFile) console.log(`${c.name}: quality differs only at stagnant nodes\n  ${problems.join("\n  ")}`);
  } else if (problems.length) {
    tally[warned ? "warnedDiffer" : "differ"]++;
    lists.differ.push(`${c.name}${warned ? ` (EPANET warnings ${ep.codes})` : ""}: ${problems.length} problems, first: ${problems[0]}`);
    keep(problems.join("\n"));
    if (verbose || inpFile) console.log(`${c.name}: DIFFER\n  ${problems.join("\n  ")}`);
  } else {
    tally[warned ? "warnedAgree" : "agree"]++;
    if (verbose || inpFile) console.log(`${c.name}: agree (worst head ${worst.head.toExponential(2)} m, flow ${(worst.flow * 1e3).toExponential(2)} L/s, quality ${worst.qual.toExponential(2)})${warned ? ` EPANET warnings ${ep.codes}` : ""}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\nnetworks ${tally.run}: agree ${tally.agree}, differ ${tally.differ}; with EPANET warnings 4-6 (compared): agree ${tally.warnedAgree}, differ ${tally.warnedDiffer}; quality differs only at stagnant nodes ${tally.stagnant}`);
console.log(`skipped: EPANET input error ${tally.epanetError} (ours refused too), EPANET warning 1-3 ${tally.epanetSkipWarn}, junctions cut off (our warning) ${tally.cutOff}; refused by us (exit 2) ${tally.refused}; crashed ${tally.crash}; EPANET error but ours ran ${tally.epanetErrorWeRan}`);
if (lanes) console.log(`lanes against threaded: agree ${tally.lanesAgree} (${tally.lanesPressureControls} with controls on junction pressure; ${tally.lanesScalarPeriods} periods handed to the runs' engines), differ ${tally.lanesDiffer}; fell back to threads ${tally.lanesFellBack}`);
for (const [k, v] of Object.entries(lists)) if (v.length) console.log(`\n${k}:\n  ${v.join("\n  ")}`);
process.exit(tally.differ + tally.warnedDiffer + tally.crash + tally.epanetErrorWeRan + tally.lanesDiffer > 0 ? 1 : 0);
