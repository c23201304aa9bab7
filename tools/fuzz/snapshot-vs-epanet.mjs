// Differential fuzzing of the snapshot (duration 0) hydraulics against EPANET 2.2 (npm epanet-js 0.9.0, its v2.2
// engine; shared pieces in epanet-fuzz-common.mjs). Not part of CI: a tool for finding discrepancies.
//
//   cd tools/epanet-reference && npm install        # once
//   dotnet build -c Release                          # the CLI this compares
//   node tools/fuzz/snapshot-vs-epanet.mjs --seed 1 --count 200 [--keep DIR] [--verbose] [--ilgpu all|none] [--headloss C-M] [--edge tankFull]
//   node tools/fuzz/snapshot-vs-epanet.mjs --inp some.inp  # compare one file (e.g. while minimizing a case)
//
// Each seed makes a random valid network with DURATION 0 of what the batched snapshot GGA takes: 3-30 junctions
// (demand categories, demand patterns read at PATTERN START, the default pattern, negative demands), 1-2 reservoirs
// (head patterns), tanks strictly between their limits, H-W, D-W or C-M pipes with minor losses, pipes CLOSED in [PIPES]
// or [STATUS], check valves, pumps (1-point and 3-point curves, constant power, SPEED, speed patterns, CLOSED, OPEN or
// a speed in [STATUS]), all ten flow units, and [OPTIONS] ACCURACY, TRIALS (down to 3, so that some solves do not
// balance), VISCOSITY, SPECIFIC GRAVITY, DEMAND MULTIPLIER, PATTERN, UNBALANCED, plus
// controls and rules that do not act at time zero. About one network in six also carries one thing the snapshot GGA
// left to the extended-period engine when it was drawn (C-M head loss; a tank starting full or empty, which EPANET's
// tankstatus closes links to; CHECKFREQ/MAXCHECK; DAMPLIMIT; a custom curve: multi-point, or 3-point not starting at
// flow 0; a control due at time zero; a junction-pressure control), which the snapshot GGA takes now: those check that
// `simulate` routes them to it, and are compared all the same. `--edge NAME` (tankFull, tankEmpty, customCurve,
// curve3NotZero, controlT0, pressureControl, damplimit, checkfreq, cm; or solverLimits: HEADERROR, FLOWCHANGE and at
// times DAMPLIMIT; or controlsT0: several controls due at time zero; or pressureControls: several controls on junction
// pressure, on pipes and pumps; or emitters: one to four junctions with an emitter, at times another EMITTER EXPONENT;
// or pda: DEMAND MODEL PDA, many junctions between their minimum and required pressures; or valves: one to three pipes
// between junctions made PRVs, PSVs, FCVs, TCVs, PBVs or GPVs) gives every network that feature.
//
// EPANET: openH, initH, runH (the solve at time zero), values from the toolkit. Ours: `wdnaccel simulate FILE --json`
// with --backend scalar and simd, and ilgpu-cpu (ILGPU's CPU accelerator: slow) on networks of under 15 junctions
// (--ilgpu all: every network; none: never). Compared: every node's head, pressure and demand, every link's flow and
// open/closed status, and the trial count; and the backends with each other. Conventions converted before comparing:
// EPANET reports a pump at speed 0 as open (pumpcoeff treats it as closed; no flow), ours closed; EPANET's pressures
// are × SPECIFIC GRAVITY, ours head − elevation; a reservoir's EPANET pressure is its head less its [RESERVOIRS] head
// (not 0 under a head pattern), ours 0 (not compared).
//
// Tolerances. Both engines run the same GGA (initial flows, coefficients, status checks, stopping test on EPANET's
// ACCURACY), so they follow the same trials: the trial counts must be equal, and the answers agree far inside the
// convergence tolerance (the committed snapshot references to ~3e-7 m). Flows and demands: 1e-6 m3/s (1e-3 L/s) per
// 50 m of the largest |head| (at least 1e-6) + 1e-4 relative (a solve that took another path differs by about
// ACCURACY, 1e-4 to 1e-2 here, relative: caught); the floor grows with the heads for the reason below.
// Heads and pressures: 1e-3 m + q·G, G the steepest head-loss gradient dh/dQ (≈ 2|h|/|Q|) of a pipe in EPANET's
// solution and q = 1e-7 m3/s per 50 m of the largest |head|. Why: a pipe to a dead end without demand carries no flow,
// and its GGA flow is p·(H1 − H2) with p = 1.852/RQtol (EPANET's linear low-flow law) = 1.7e6 m2/s times the last bits
// of the heads: ~1e-8 m3/s per bit at 50 m, ~1e-7 at 460 m. Every solver rounds its own way (EPANET, scalar, simd, and
// ilgpu-cpu with its own pow and factorization order), continuity carries that flow into the pipes upstream, and a
// small pipe losing metres at a small flow turns it into head: seen 1.4e-4 m in an ordinary network, 0.02-0.14 m where
// an undersized pipe loses 500-950 m and heads fall to -460 to -890 m. The term is ~1e-4 m in ordinary networks.
// Backends against each other: same status, trials and link statuses, heads and flows within the same tolerances.
//
// Cases:
//   agree / differ                      compared (snapshot GGA, or the extended-period engine where `simulate` chose it);
//   warned (compared, counted apart)    EPANET warning 4 (pump cannot deliver head) or 6 (negative pressures);
//   unbalanced                          EPANET warning 1: both must say "not converged" (heads are not compared);
//   extra trials                        ours not converged at TRIALS, EPANET balanced in its UNBALANCED CONTINUE n
//                                       trials: the snapshot GGA stops at TRIALS and says so (docs/hydraulics.md);
//   skipped by EPANET                   an input error (then our CLI must refuse it too, exit 2), warning 2
//                                       (ill-conditioned) or 3 (disconnected nodes), where heads are noise;
//   refused by us                       our CLI exits 2 (listed with its message).
import fs from "fs";
import os from "os";
import path from "path";
import { epanet, opt, flag, cliPath, epanet22Workspace, perCfs, unitName, usUnits, ft3, psiPerFt, draws, linkJunctions, num, runCli, withEpanetWarnings } from "./epanet-fuzz-common.mjs";

const { Project, CountType, NodeProperty, NodeType, LinkProperty, LinkType, InitHydOption, AnalysisStatistic } = epanet;

// ---------- arguments ----------
const seed0 = Number(opt("--seed", "1"));
const count = Number(opt("--count", "50"));
const keepDir = opt("--keep", null);
const inpFile = opt("--inp", null);
const verbose = flag("--verbose");
const ilgpu = opt("--ilgpu", "small");
// Every network with this head-loss formula (H-W, D-W or C-M) instead of the drawn one; the other draws stay as they were.
const forcedHeadloss = opt("--headloss", null);
const forcedEdge = opt("--edge", null);
if (forcedHeadloss !== null && !["H-W", "D-W", "C-M"].includes(forcedHeadloss)) throw new Error(`--headloss takes H-W, D-W or C-M, not ${forcedHeadloss}`);
const cli = cliPath();
const ws = await epanet22Workspace();

// ---------- random network ----------
function generate(seed) {
  const { U, I, pick, chance } = draws(seed);
  const n = num;
  const units = pick(unitName);
  const us = usUnits.has(units);
  // One extra feature of those simulate hands to the extended-period engine (or C-M), in about one network in six.
  const drawn = chance(0.17) ? pick(["tankFull", "tankEmpty", "customCurve", "curve3NotZero", "controlT0", "pressureControl", "damplimit", "checkfreq", "cm"]) : null;
  // --edge NAME gives every network that feature (after the same draws, so the rest of a seed's network is as drawn).
  const edge = forcedEdge ?? drawn;
  const drawnHeadloss = edge === "cm" ? "C-M" : pick(["H-W", "D-W"]);
  const headloss = forcedHeadloss ?? drawnHeadloss;
  // SI in the generator; converted to the file's units when written.
  const fL = x => (us ? x / 0.3048 : x);                          // m -> ft
  const fD = x => (us ? x / 0.0254 : x * 1000);                   // pipe diameter m -> in / mm
  const fQ = q => (q / ft3) * perCfs[units];                       // m3/s -> file flow units
  const fP = p => (us ? (p / 0.3048) * psiPerFt : p);             // pressure m -> psi (SPECIFIC GRAVITY 1 where used)

  const nJ = I(3, 30);
  const J = [];
  for (let i = 0; i < nJ; i++) {
    const x = U(0, 2000), y = U(0, 2000);
    J.push({ id: `J${i + 1}`, x, y, elev: 5 + 0.008 * x + U(0, 10), demand: chance(0.2) ? 0 : chance(0.05) ? -U(0.1, 1) / 1000 : U(0.1, 3) / 1000, pattern: null, extra: [] });
  }
  const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
  const maxElev = Math.max(...J.map(j => j.elev)), minElev = Math.min(...J.map(j => j.elev));
  const pipes = [];
  const roughness = () => (headloss === "H-W" ? U(70, 140) : headloss === "C-M" ? U(0.01, 0.015) : U(0.005, 2.0) / 1000);
  const addPipe = (a, b, d, tree) => {
    const p = { id: `P${pipes.length + 1}`, a, b, len: Math.max(10, dist(a, b) * U(1, 1.3)), d, rough: roughness(),
      minor: chance(0.3) ? U(0, 15) : 0, status: "Open", tree };
    pipes.push(p); return p;
  };
  linkJunctions(J, { I, pick }, dist, addPipe, [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4], [0.1, 0.15, 0.2, 0.3], 2);

  const reservoirs = [], tanks = [], pumps = [], curves = [], patterns = [], controls = [], rules = [];
  const R1 = { id: "R1", x: J[0].x - 100, y: J[0].y, head: maxElev + U(15, 50) };
  reservoirs.push(R1);
  addPipe(R1, J[0], pick([0.3, 0.4, 0.5, 0.6]), true);
  if (chance(0.3)) {
    const j = pick(J.slice(1).length ? J.slice(1) : J);
    const R2 = { id: "R2", x: j.x + 100, y: j.y, head: maxElev + U(10, 45) };
    reservoirs.push(R2);
    addPipe(R2, j, pick([0.15, 0.2, 0.3, 0.4]), false);
  }
  if (chance(0.15)) { patterns.push({ id: "RHEAD", v: Array.from({ length: I(1, 24) }, () => U(0.9, 1.1)) }); R1.pattern = "RHEAD"; }
  const totalDemand = J.reduce((s, j) => s + Math.max(0, j.demand), 0);
  const nT = pick([0, 0, 1, 1, 2]) + (edge === "tankFull" || edge === "tankEmpty" ? 1 : 0);
  for (let t = 0; t < nT; t++) {
    const j = pick(J);
    const min = U(0.3, 1.0), max = U(4, 9);
    let init = U(min + 0.05, max - 0.05);
    if (t === nT - 1 && edge === "tankFull") init = max;
    if (t === nT - 1 && edge === "tankEmpty") init = min;
    const level = R1.head - U(-5, 15);
    tanks.push({ id: `T${t + 1}`, x: j.x, y: j.y + 100, elev: level - init, init, min, max, diam: pick([5, 8, 12, 20]) });
    addPipe(tanks[t], j, pick([0.15, 0.2, 0.3, 0.4]), false);
  }
  const nP = pick([0, 0, 1, 1, 2]) + (edge === "customCurve" || edge === "curve3NotZero" ? 1 : 0);
  for (let u = 0; u < nP; u++) {
    const j = pick(J);
    const RP = { id: `RP${u + 1}`, x: j.x - 50, y: j.y - 50, head: minElev - U(0, 10) };
    reservoirs.push(RP);
    const Q = Math.max(0.003, totalDemand * U(0.3, 1.2)), H = maxElev + U(20, 45) - RP.head;
    let kind = pick(["1PT", "1PT", "3PT", "3PT", "POWER"]);
    if (u === nP - 1 && edge === "customCurve") kind = "MULTI";
    if (u === nP - 1 && edge === "curve3NotZero") kind = "3PTQ";
    const p = { id: `PU${u + 1}`, a: RP, b: j, kind, pattern: null, speed: null, closed: false, statusSpeed: null };
    if (kind === "POWER") p.power = (9.81 * Q * H) / U(0.6, 0.8); // kW
    else {
      const pts = kind === "1PT" ? [[Q, H]]
        : kind === "3PT" ? [[0, H * U(1.2, 1.45)], [Q, H], [Q * U(1.5, 2.2), H * U(0.2, 0.7)]]
        : kind === "3PTQ" ? [[Q * 0.3, H * U(1.15, 1.3)], [Q, H], [Q * U(1.6, 2.0), H * U(0.3, 0.6)]]
        : [[0, H * 1.35], [Q * 0.5, H * U(1.15, 1.25)], [Q, H], [Q * 1.5, H * U(0.6, 0.8)], [Q * 2, H * U(0.1, 0.4)]];
      const c = { id: `PC${u + 1}`, pts };
      curves.push(c); p.curve = c.id;
    }
    const r = U(0, 1);
    if (r < 0.2) { // a speed pattern: its multiplier at time zero replaces the speed (0 closes the pump)
      const pat = { id: `SPD${u + 1}`, v: Array.from({ length: I(1, 12) }, () => (chance(0.2) ? 0 : U(0.7, 1.2))) };
      patterns.push(pat); p.pattern = pat.id;
    } else if (r < 0.4) p.speed = pick([0, U(0.6, 1.3)]);
    else if (r < 0.5) p.statusSpeed = U(0.7, 1.2);
    if (chance(0.15)) p.closed = true;
    else if (chance(0.1)) p.statusOpen = true; // [STATUS] OPEN: EPANET 2.2 sets the speed to 1
    pumps.push(p);
  }
  const plain = pipes.filter(p => !p.tree);
  for (let c = pick([0, 0, 1, 2]); c > 0 && plain.length; c--) {
    const p = pick(plain);
    if (p.status !== "Open") continue;
    p.status = "CV";
    if (chance(0.5)) { const t = p.a; p.a = p.b; p.b = t; }
  }
  // Pipes closed in the file: only loop pipes, so no junction is cut off from every source.
  const closedInStatus = [];
  for (let c = pick([0, 0, 0, 1, 2]); c > 0 && plain.length; c--) {
    const p = pick(plain);
    if (p.status !== "Open") continue;
    if (chance(0.5)) p.status = "Closed"; else closedInStatus.push(p);
  }
  // demand patterns, demand categories, the default pattern
  const nPat = I(0, 3);
  for (let k = 0; k < nPat; k++) {
    const ph = U(0, 24), amp = U(0.2, 0.8);
    patterns.push({ id: k === 0 && chance(0.3) ? "1" : `DEM${k + 1}`, v: Array.from({ length: pick([1, 6, 12, 24]) }, (_, h) => Math.max(0.05, 1 + amp * Math.sin((2 * Math.PI * (h - ph)) / 24) + U(-0.1, 0.1))) });
  }
  const demandPatterns = patterns.filter(p => p.id === "1" || p.id.startsWith("DEM"));
  for (const j of J) {
    if (demandPatterns.length && chance(0.7)) j.pattern = pick(demandPatterns).id;
    if (chance(0.1)) j.extra.push({ base: U(0.1, 1) / 1000, pattern: demandPatterns.length && chance(0.5) ? pick(demandPatterns).id : null });
  }
  const defaultPattern = demandPatterns.length && chance(0.2) ? pick(demandPatterns).id : null;

  const openLoops = plain.filter(p => p.status === "Open" && !closedInStatus.includes(p));
  // controls that do not act at time zero; rules (EPANET 2.2 does not evaluate them before its first solve)
  if (chance(0.2) && openLoops.length) controls.push(`LINK ${pick(openLoops).id} CLOSED AT TIME ${I(1, 12)}`);
  if (chance(0.15) && pumps.length && tanks.length) {
    const t = pick(tanks.filter(x => x.init > x.min && x.init < x.max)) ?? null;
    if (t) controls.push(`LINK ${pick(pumps).id} OPEN IF NODE ${t.id} BELOW ${n(fL(U(t.min, t.init) - 0.01), 3)}`);
  }
  if (chance(0.1) && openLoops.length) rules.push("RULE R1", `IF SYSTEM TIME >= 0`, `THEN PIPE ${pick(openLoops).id} STATUS IS CLOSED`, "");
  // A control that changes a link at time zero: an open loop pipe, or a pump that runs (no pattern, a speed).
  const running = pumps.filter(p => !p.closed && !p.pattern && p.speed !== 0 && p.statusSpeed === null);
  const switchable = [...openLoops, ...running];
  if (edge === "controlT0" && switchable.length) controls.push(`LINK ${pick(switchable).id} CLOSED AT TIME 0`);
  // --edge controlsT0 (never drawn, so seeds keep their networks): one to three controls due at time zero of any kind
  // the snapshot applies: a pipe or pump closed or opened (CLOSED ones included) AT TIME 0 or on a tank's level, a
  // pump's speed set.
  if (edge === "controlsT0") {
    const links = [...plain, ...pumps];
    for (let c = I(1, 3); c > 0 && links.length; c--) {
      const l = pick(links), isPump = pumps.includes(l);
      const action = isPump && chance(0.4) ? n(U(0.6, 1.3), 2) : pick(["OPEN", "CLOSED"]);
      const t = tanks.length && chance(0.4) ? pick(tanks) : null;
      controls.push(t ? `LINK ${l.id} ${action} IF NODE ${t.id} ${chance(0.5) ? `ABOVE ${n(fL(t.init - 0.2), 3)}` : `BELOW ${n(fL(t.init + 0.2), 3)}`}`
        : `LINK ${l.id} ${action} AT TIME 0`);
    }
  }
  if (edge === "pressureControl" && openLoops.length) controls.push(`LINK ${pick(openLoops).id} CLOSED IF NODE ${pick(J).id} ABOVE ${n(fP(U(5, 30)), 2)}`);
  // --edge pressureControls (never drawn, so seeds keep their networks): one to three controls on junction pressure,
  // which the snapshot GGA checks inside the solve as EPANET's pswitch: loop pipes (CLOSED ones too) opened or closed,
  // pumps closed, or opened where that keeps their speed or starts them from SPEED 0 (the batched solver keeps one
  // speed per pump).
  if (edge === "pressureControls") {
    const atSpeedOne = pumps.filter(p => !p.pattern && p.statusSpeed === null && (p.speed === null || p.speed === 1 || p.speed === 0));
    // Now and then a pump closed AT TIME 0 first (setting 0), which an OPEN control then starts at speed 1.
    for (const p of pumps) {
      if (!chance(0.3)) continue;
      controls.push(`LINK ${p.id} CLOSED AT TIME 0`);
      if (!atSpeedOne.includes(p)) atSpeedOne.push(p);
    }
    const links = [...plain.filter(p => p.status !== "CV"), ...pumps];
    for (let c = I(1, 3); c > 0 && links.length; c--) {
      const l = pick(links);
      const action = pumps.includes(l) && !atSpeedOne.includes(l) ? "CLOSED" : pick(["OPEN", "CLOSED"]);
      controls.push(`LINK ${l.id} ${action} IF NODE ${pick(J).id} ${pick(["ABOVE", "BELOW"])} ${n(fP(U(5, 40)), 2)}`);
    }
  }


  // times and options
  const patternStep = pick([3600, 3600, 7200, 1800]);
  const patternStart = pick([0, 0, 0, 3600, 9000, 18000, 7200]);
  const hm = s => `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}`;
  const O = [];
  O.push(` Units ${units}`, ` Headloss ${headloss}`);
  if (chance(0.3)) O.push(` Accuracy ${pick([0.01, 0.005, 0.0001, 0.00001, 0.002])}`);
  if (chance(0.3)) O.push(` Trials ${pick([40, 100, 500, 20, 3, 4])}`);
  if (chance(0.2)) O.push(` Viscosity ${n(U(0.5, 2), 3)}`);
  if (chance(0.2)) O.push(` Specific Gravity ${n(U(0.8, 1.3), 3)}`);
  if (chance(0.25)) O.push(` Demand Multiplier ${n(U(0.3, 2.5), 3)}`);
  if (defaultPattern) O.push(` Pattern ${defaultPattern}`);
  if (chance(0.1)) O.push(` Unbalanced Continue ${I(0, 10)}`);
  if (chance(0.1)) O.push(" Quality Age");
  if (edge === "damplimit") O.push(` DampLimit ${n(U(0.1, 1), 2)}`);
  // --edge emitters (never drawn, so seeds keep their networks): one to four junctions with an emitter discharging
  // 0.1-3 L/s at 30 m, sometimes another EMITTER EXPONENT; the batched snapshot GGA solves them as EPANET does.
  // --edge pda (never drawn): DEMAND MODEL PDA with a minimum pressure of 0-10 m and a required one 5-40 m above it,
  // at times another PRESSURE EXPONENT, so that many junctions deliver part of their demand.
  if (edge === "pda") {
    const pmin = U(0, 10);
    O.push(" Demand Model PDA", ` Minimum Pressure ${n(fP(pmin), 3)}`, ` Required Pressure ${n(fP(pmin + U(5, 40)), 3)}`);
    if (chance(0.4)) O.push(` Pressure Exponent ${n(U(0.3, 1), 3)}`);
  }
  const emitters = [];
  if (edge === "emitters") {
    const exponent = chance(0.4) ? U(0.4, 1.2) : 0.5;
    if (exponent !== 0.5) O.push(` Emitter Exponent ${n(exponent, 3)}`);
    for (let e = I(1, 4); e > 0; e--) {
      const j = pick(J);
      if (!emitters.some(x => x.j === j)) emitters.push({ j, c: fQ(U(0.1, 3) / 1000) / Math.pow(fP(30), exponent) });
    }
  }
  // --edge solverLimits (never drawn, so seeds keep their networks): HEADERROR and FLOWCHANGE (in the file's flow
  // units), sometimes DAMPLIMIT, under a loose ACCURACY so that they decide when the solve stops.
  if (edge === "solverLimits") {
    O.push(` Accuracy ${pick([0.01, 0.05, 0.1])}`, ` HeadError ${n(U(0.005, 0.5), 3)}`, ` FlowChange ${n(U(0.001, 1), 3)}`);
    if (chance(0.5)) O.push(` DampLimit ${n(U(0.01, 0.5), 2)}`);
  }
  // --edge valves (never drawn): one to three pipes between junctions become valves of any type (no two sharing a node,
  // no pipe a control or rule names), now and then fixed OPEN or CLOSED in [STATUS].
  const valves = [];
  if (edge === "valves") {
    const named = [...controls, ...rules].join(" ");
    const valveNodes = new Set();
    for (let v = I(1, 3); v > 0; v--) {
      const cand = pipes.filter(p => p.a.id.startsWith("J") && p.b.id.startsWith("J") && p.status === "Open" && !closedInStatus.includes(p)
        && !valveNodes.has(p.a.id) && !valveNodes.has(p.b.id) && !named.includes(` ${p.id} `));
      if (!cand.length) break;
      const p = pick(cand);
      pipes.splice(pipes.indexOf(p), 1);
      valveNodes.add(p.a.id); valveNodes.add(p.b.id);
      const type = pick(["PRV", "PRV", "PSV", "FCV", "TCV", "PBV", "GPV"]);
      const flip = chance(0.5);
      const val = { id: `V${valves.length + 1}`, a: flip ? p.b : p.a, b: flip ? p.a : p.b, d: p.d, type, minor: chance(0.3) ? U(0, 5) : 0, fixed: null };
      if (type === "PRV") val.setting = U(5, 40);
      else if (type === "PSV") val.setting = U(5, 35);
      else if (type === "FCV") val.setting = U(0.2, 5) / 1000;
      else if (type === "TCV") val.setting = U(1, 50);
      else if (type === "PBV") val.setting = U(0.5, 5);
      else {
        const c = { id: `GC${valves.length + 1}`, pts: [[0, 0], [U(5, 15) / 1000, U(0.2, 1)], [U(20, 40) / 1000, U(2, 5)], [U(60, 100) / 1000, U(8, 20)]] };
        curves.push(c); val.curve = c.id;
      }
      if (type !== "GPV" && chance(0.1)) val.fixed = pick(["OPEN", "CLOSED"]);
      valves.push(val);
    }
  }
  let solverDefaults = false;
  if (edge === "checkfreq") {
    const checkFreq = I(1, 5), maxCheck = I(5, 20);
    O.push(` CheckFreq ${checkFreq}`, ` MaxCheck ${maxCheck}`);
    solverDefaults = checkFreq === 2 && maxCheck === 10; // EPANET's defaults: a plain snapshot network
  }

  // A valve CLOSED in [STATUS] may cut junctions off, which sends the network to the extended-period engine (EPANET runs
  // it and warns): either engine is expected then.
  const edgeNamed = edge === "controlT0" ? (switchable.length ? edge : null) : edge === "pressureControl" ? (openLoops.length ? edge : null)
    : edge === "valves" && valves.some(v => v.fixed === "CLOSED") ? "valvesClosed" : solverDefaults ? null : edge;

  // ---------- write ----------
  const L = [];
  const sec = s => L.push("", `[${s}]`);
  L.push("[TITLE]", `snapshot-vs-epanet seed ${seed}${edge ? ` (${edge})` : ""}`);
  sec("JUNCTIONS");
  for (const j of J) L.push(` ${j.id} ${n(fL(j.elev), 3)} ${n(fQ(j.demand), 5)} ${j.pattern ?? ""}`);
  const withCategories = J.filter(j => j.extra.length);
  if (withCategories.length) {
    // [DEMANDS] replaces the junction's demand of [JUNCTIONS] (EPANET 2.2 input3.c demanddata): list it again first.
    sec("DEMANDS");
    for (const j of withCategories) {
      L.push(` ${j.id} ${n(fQ(j.demand), 5)} ${j.pattern ?? ""}`);
      for (const d of j.extra) L.push(` ${j.id} ${n(fQ(d.base), 5)} ${d.pattern ?? ""}`);
    }
  }
  sec("RESERVOIRS");
  for (const r of reservoirs) L.push(` ${r.id} ${n(fL(r.head), 3)} ${r.pattern ?? ""}`);
  if (tanks.length) {
    sec("TANKS");
    for (const t of tanks) L.push(` ${t.id} ${n(fL(t.elev), 3)} ${n(fL(t.init), 3)} ${n(fL(t.min), 3)} ${n(fL(t.max), 3)} ${n(fL(t.diam), 3)} 0`);
  }
  sec("PIPES");
  const rough = r => (headloss !== "D-W" ? n(r, headloss === "C-M" ? 4 : 2) : n(us ? (r / 0.3048) * 1000 : r * 1000, 4)); // D-W: mm, or 1e-3 ft
  for (const p of pipes) L.push(` ${p.id} ${p.a.id} ${p.b.id} ${n(fL(p.len), 2)} ${n(fD(p.d), 3)} ${rough(p.rough)} ${n(p.minor, 3)} ${p.status}`);
  if (valves.length) {
    sec("VALVES");
    for (const v of valves) {
      const s = v.type === "GPV" ? v.curve : v.type === "FCV" ? n(fQ(v.setting), 5) : v.type === "TCV" ? n(v.setting, 3) : n(fP(v.setting), 3);
      L.push(` ${v.id} ${v.a.id} ${v.b.id} ${n(fD(v.d), 3)} ${v.type} ${s} ${n(v.minor, 3)}`);
    }
  }
  if (pumps.length) {
    sec("PUMPS");
    for (const p of pumps) {
      const parts = [p.kind === "POWER" ? `POWER ${n(us ? p.power / 0.7457 : p.power, 3)}` : `HEAD ${p.curve}`];
      if (p.speed !== null) parts.push(`SPEED ${n(p.speed, 3)}`);
      if (p.pattern) parts.push(`PATTERN ${p.pattern}`);
      L.push(` ${p.id} ${p.a.id} ${p.b.id} ${parts.join(" ")}`);
    }
  }
  const status = [...closedInStatus.map(p => ` ${p.id} Closed`), ...pumps.filter(p => p.statusSpeed).map(p => ` ${p.id} ${n(p.statusSpeed, 3)}`),
    ...pumps.filter(p => p.closed).map(p => ` ${p.id} CLOSED`), ...pumps.filter(p => p.statusOpen).map(p => ` ${p.id} OPEN`),
    ...valves.filter(v => v.fixed).map(v => ` ${v.id} ${v.fixed}`)];
  if (status.length) { sec("STATUS"); L.push(...status); }
  if (curves.length) {
    sec("CURVES");
    for (const c of curves) for (const [x, y] of c.pts) L.push(` ${c.id} ${n(fQ(x), 4)} ${n(fL(y), 4)}`);
  }
  if (patterns.length) {
    sec("PATTERNS");
    for (const p of patterns) for (let k = 0; k < p.v.length; k += 6) L.push(` ${p.id} ${p.v.slice(k, k + 6).map(x => n(x, 3)).join(" ")}`);
  }
  if (controls.length) { sec("CONTROLS"); L.push(...controls.map(c => " " + c)); }
  if (emitters.length) { sec("EMITTERS"); L.push(...emitters.map(e => ` ${e.j.id} ${n(e.c, 6)}`)); }
  if (rules.length) { sec("RULES"); L.push(...rules); }
  sec("TIMES");
  L.push(" Duration 0", ` Pattern Timestep ${hm(patternStep)}`);
  if (patternStart) L.push(` Pattern Start ${hm(patternStart)}`);
  sec("OPTIONS");
  L.push(...O);
  L.push("", "[END]", "");
  return { text: L.join("\n"), nJ, edge: edgeNamed };
}

// ---------- EPANET run: the solve at time zero ----------
function runEpanet(inpText) {
  const [result, codes] = withEpanetWarnings(() => {
    const m = new Project(ws);
    ws.writeFile("s.inp", inpText);
    try { m.open("s.inp", "s.rpt", ""); } catch (e) { return { error: String(e.message ?? e) }; }
    try {
      m.openH();
      m.initH(InitHydOption.NoSave);
      m.runH();
    } catch (e) { try { m.close(); } catch { /* already closed */ } return { error: String(e.message ?? e) }; }
    const units = unitName[m.getFlowUnits()];
    const us = usUnits.has(units);
    const L = us ? 0.3048 : 1, Q = ft3 / perCfs[units];
    const nodes = [], links = [];
    for (let i = 1; i <= m.getCount(CountType.NodeCount); i++) {
      const head = m.getNodeValue(i, NodeProperty.Head) * L, elev = m.getNodeValue(i, NodeProperty.Elevation) * L;
      nodes.push({ id: m.getNodeId(i), type: m.getNodeType(i), head, elev, pressureRaw: m.getNodeValue(i, NodeProperty.Pressure), demand: m.getNodeValue(i, NodeProperty.Demand) * Q });
    }
    for (let j = 1; j <= m.getCount(CountType.LinkCount); j++) {
      // A pump at speed 0 (SPEED 0, or a speed pattern's 0) keeps EN_STATUS open in EPANET 2.2 while pumpcoeff treats
      // it as closed (CBIG): closed, as we report it.
      const type = m.getLinkType(j);
      const stopped = type === LinkType.Pump && m.getLinkValue(j, LinkProperty.Setting) === 0;
      links.push({ id: m.getLinkId(j), type, flow: m.getLinkValue(j, LinkProperty.Flow) * Q, open: m.getLinkValue(j, LinkProperty.Status) !== 0 && !stopped,
        headloss: m.getLinkValue(j, LinkProperty.Headloss) * L });
    }
    const iterations = m.getStatistic(AnalysisStatistic.Iterations);
    m.closeH();
    m.close();
    // The steepest head-loss gradient dh/dQ (≤ 2|h|/|Q|: H-W 1.852, D-W, C-M and minor losses 2) of a pipe with a real flow.
    const steepest = Math.max(0, ...links.filter(l => l.type <= LinkType.Pipe && l.open && Math.abs(l.flow) > TOL.flowAbs).map(l => (2 * Math.abs(l.headloss)) / Math.abs(l.flow)));
    const highest = Math.max(...nodes.map(nd => Math.abs(nd.head)));
    const scale = Math.max(1, highest / 50);
    return { units, us, nodes, links, iterations, headTol: TOL.head + TOL.roundoffFlow * scale * steepest, flowFloor: TOL.flowAbs * scale };
  });
  if (!result.error) result.codes = [...new Set(codes)].sort();
  return result;
}

// ---------- compare ----------
const TOL = { head: 1e-3, flowAbs: 1e-6, flowRel: 1e-4, roundoffFlow: 1e-7 };

/**
 * EPANET's pressure back to m of head (ours is head − elevation): EN_PRESSURE is (H − E) × Ucf[PRESSURE], i.e.
 * × 0.4333 psi/ft × SPECIFIC GRAVITY for US units and × SPECIFIC GRAVITY in m otherwise (EPANET 2.2 input1.c initunits).
 */
function epanetPressure(nd, ep, gravity) {
  return ep.us ? (nd.pressureRaw / (psiPerFt * gravity)) * 0.3048 : nd.pressureRaw / gravity;
}

function compare(ep, ours, gravity) {
  const problems = [];
  let worst = { head: 0, flow: 0 };
  const say = s => { if (problems.length < 40) problems.push(s); else problems.length++; };
  const nodes = new Map(ours.nodes.map(x => [x.id, x]));
  const links = new Map(ours.links.map(x => [x.id, x]));
  for (const nd of ep.nodes) {
    const o = nodes.get(nd.id);
    if (!o) { say(`node ${nd.id}: missing in ours`); continue; }
    const dh = Math.abs(o.head - nd.head);
    worst.head = Math.max(worst.head, dh);
    if (!(dh <= ep.headTol)) say(`node ${nd.id}: head ${o.head?.toFixed(4)} vs EPANET ${nd.head.toFixed(4)} (tolerance ${ep.headTol.toPrecision(2)} m)`);
    // A reservoir's EN_PRESSURE is its head less its [RESERVOIRS] head (not 0 under a head pattern); ours is 0.
    const p = epanetPressure(nd, ep, gravity);
    if (nd.type !== NodeType.Reservoir && !(Math.abs(o.pressure - p) <= ep.headTol)) say(`node ${nd.id}: pressure ${o.pressure?.toFixed(4)} vs EPANET ${p.toFixed(4)} m`);
    if (!(Math.abs(o.demand - nd.demand) <= ep.flowFloor + TOL.flowRel * Math.abs(nd.demand))) say(`node ${nd.id}: demand ${(o.demand * 1e3).toFixed(4)} vs EPANET ${(nd.demand * 1e3).toFixed(4)} L/s`);
  }
  for (const ln of ep.links) {
    const o = links.get(ln.id);
    if (!o) { say(`link ${ln.id}: missing in ours`); continue; }
    const dq = Math.abs(o.flow - ln.flow);
    worst.flow = Math.max(worst.flow, dq);
    if (!(dq <= ep.flowFloor + TOL.flowRel * Math.abs(ln.flow))) say(`link ${ln.id}: flow ${(o.flow * 1e3).toFixed(4)} vs EPANET ${(ln.flow * 1e3).toFixed(4)} L/s`);
    const open = o.status !== "closed";
    if (open !== ln.open) say(`link ${ln.id}: ${o.status} vs EPANET ${ln.open ? "open" : "closed"}`);
  }
  if (ours.iterations !== ep.iterations) say(`trials: ours ${ours.iterations}, EPANET ${ep.iterations}`);
  return { problems, worst };
}

/** Backend b against the scalar one: status, trials and link statuses equal, heads and flows within the tolerances against EPANET. */
function parity(a, b, name, headTol, flowFloor) {
  const problems = [];
  if (a.status !== b.status || a.iterations !== b.iterations) problems.push(`${name}: ${b.status} after ${b.iterations} trials, scalar ${a.status} after ${a.iterations}`);
  a.nodes.forEach((x, i) => {
    const y = b.nodes[i];
    if (!(Math.abs(x.head - y.head) <= headTol)) problems.push(`${name}: node ${x.id} head ${y.head} vs scalar ${x.head}`);
  });
  a.links.forEach((x, i) => {
    const y = b.links[i];
    if (!(Math.abs(x.flow - y.flow) <= flowFloor + TOL.flowRel * Math.abs(x.flow)) || x.status !== y.status) problems.push(`${name}: link ${x.id} flow ${y.flow} (${y.status}) vs scalar ${x.flow} (${x.status})`);
  });
  return problems.slice(0, 10);
}

// ---------- main ----------
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-fuzz-"));
const tally = { run: 0, agree: 0, differ: 0, warnedAgree: 0, warnedDiffer: 0, unbalancedBoth: 0, unbalancedDiffer: 0, epanetError: 0, epanetSkipWarn: 0,
  refused: 0, crash: 0, epanetErrorWeRan: 0, routedEps: 0, routedUnexpected: 0, backendsDiffer: 0, ilgpuRuns: 0, extraTrials: 0 };
const lists = { refused: [], differ: [], crash: [], epanetErrorWeRan: [], routedUnexpected: [], backendsDiffer: [], unbalancedDiffer: [] };
const cases = inpFile ? [{ name: path.basename(inpFile, ".inp"), text: fs.readFileSync(inpFile, "utf8"), nJ: 0, edge: undefined }]
  : Array.from({ length: count }, (_, k) => ({ name: `seed${seed0 + k}`, seed: seed0 + k }));
const say = (c, s) => { if (verbose || inpFile) console.log(`${c.name}: ${s}`); };
for (const c of cases) {
  const g = c.text ? c : generate(c.seed);
  const text = g.text;
  const file = path.join(tmp, `${c.name}.inp`);
  fs.writeFileSync(file, text);
  tally.run++;
  const keep = why => { if (keepDir) { fs.mkdirSync(keepDir, { recursive: true }); fs.writeFileSync(path.join(keepDir, `${c.name}.inp`), text); fs.writeFileSync(path.join(keepDir, `${c.name}.txt`), why + "\n"); } };
  const ep = runEpanet(text);
  const scalar = runCli(cli, ["simulate", file, "--backend", "scalar"]);
  if (ep.error) {
    if (scalar.refused || scalar.crash) tally.epanetError++;
    else { tally.epanetErrorWeRan++; lists.epanetErrorWeRan.push(`${c.name}: EPANET ${ep.error}`); keep(`EPANET: ${ep.error}; ours ran`); }
    say(c, `EPANET error ${ep.error}; ours ${scalar.refused ? "refused: " + scalar.refused : "ran"}`);
    continue;
  }
  if (scalar.refused) { tally.refused++; lists.refused.push(`${c.name}${g.edge ? ` (${g.edge})` : ""}: ${scalar.refused}`); keep(`refused: ${scalar.refused}`); say(c, `refused: ${scalar.refused}`); continue; }
  if (scalar.crash) { tally.crash++; lists.crash.push(`${c.name}: ${scalar.crash}`); keep(scalar.crash); continue; }
  const ours = scalar.json;
  const viaEps = "engine" in ours;
  // What we expect simulate to choose: the extended-period engine for the generator's extra feature (but C-M, tanks
  // starting full or empty, CHECKFREQ/MAXCHECK, DAMPLIMIT and custom pump curves, which the snapshot GGA takes),
  // nothing else.
  if (g.edge !== undefined && g.edge !== "valvesClosed" && viaEps !== (g.edge !== null && !["cm", "tankFull", "tankEmpty", "checkfreq", "customCurve", "curve3NotZero", "damplimit", "solverLimits", "controlT0", "controlsT0", "pressureControl", "pressureControls", "emitters", "pda", "valves"].includes(g.edge))) {
    tally.routedUnexpected++;
    lists.routedUnexpected.push(`${c.name}: ${viaEps ? "extended-period engine" : "snapshot GGA"} for ${g.edge ?? "a plain snapshot network"}`);
    keep(`simulate chose the ${viaEps ? "extended-period engine" : "snapshot GGA"} for ${g.edge ?? "a plain snapshot network"}`);
  }
  if (viaEps) tally.routedEps++;
  // The backends agree with each other (the snapshot GGA only: the extended-period run uses its own scalar engine).
  if (!viaEps) {
    const others = [["simd", runCli(cli, ["simulate", file, "--backend", "simd"])]];
    if (ilgpu === "all" || (ilgpu === "small" && g.nJ < 15 && g.nJ > 0)) { others.push(["ilgpu-cpu", runCli(cli, ["simulate", file, "--backend", "ilgpu-cpu"])]); tally.ilgpuRuns++; }
    const bad = [];
    for (const [name, r] of others) bad.push(...(r.json ? parity(ours, r.json, name, ep.error ? TOL.head : ep.headTol, ep.error ? TOL.flowAbs : ep.flowFloor) : [`${name}: ${r.refused ?? r.crash}`]));
    if (bad.length) { tally.backendsDiffer++; lists.backendsDiffer.push(`${c.name}: ${bad[0]}`); keep(bad.join("\n")); say(c, `BACKENDS DIFFER\n  ${bad.join("\n  ")}`); }
  }
  if (ep.codes.some(x => x === 2 || x === 3 || x > 6)) {
    tally.epanetSkipWarn++;
    say(c, `skipped, EPANET warnings ${ep.codes}`);
    continue;
  }
  const gravity = Number((/Specific Gravity\s+(\S+)/i.exec(text) ?? [])[1] ?? 1);
  const unbalancedContinue = /^\s*Unbalanced\s+Continue\s+[1-9]/im.test(text);
  if (ours.converged === false && !ep.codes.includes(1) && unbalancedContinue && !viaEps) {
    // EPANET's extra trials (statuses frozen) balanced it; the snapshot stops at TRIALS and says so (documented).
    tally.extraTrials++;
    say(c, `ours not converged after ${ours.iterations} trials; EPANET balanced it in its UNBALANCED CONTINUE trials (${ep.iterations})`);
    continue;
  }
  // EPANET ran past TRIALS: unbalanced, or "unstable" (warning 2: ACCURACY met but HEADERROR, FLOWCHANGE or a status
  // change not), whose warning code a later one (negative pressures) can hide; it then counts TRIALS + 1 trials.
  const epanetStopped = ep.codes.includes(1) || ep.iterations > (ours.max_trials ?? Infinity);
  if (epanetStopped) {
    // EPANET did not converge within TRIALS (and its extra trials): we must not claim a solution.
    if (ours.converged === false) tally.unbalancedBoth++;
    else { tally.unbalancedDiffer++; lists.unbalancedDiffer.push(`${c.name}: EPANET unbalanced after ${ep.iterations} trials, ours ${ours.status} after ${ours.iterations}`); keep("EPANET unbalanced, ours converged"); }
    say(c, `EPANET unbalanced; ours ${ours.status}`);
    continue;
  }
  const { problems, worst } = compare(ep, ours, gravity);
  const warned = ep.codes.length > 0;
  const tag = `${viaEps ? " [extended-period engine]" : ""}${warned ? ` EPANET warnings ${ep.codes}` : ""}${g.edge ? ` (${g.edge})` : ""}`;
  if (problems.length) {
    tally[warned ? "warnedDiffer" : "differ"]++;
    lists.differ.push(`${c.name}${tag}: ${problems.length} problems, first: ${problems[0]}`);
    keep(problems.join("\n"));
    say(c, `DIFFER${tag}\n  ${problems.join("\n  ")}`);
  } else {
    tally[warned ? "warnedAgree" : "agree"]++;
    say(c, `agree (worst head ${worst.head.toExponential(2)} m, flow ${(worst.flow * 1e3).toExponential(2)} L/s, ${ours.iterations} trials)${tag}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`\nnetworks ${tally.run}: agree ${tally.agree}, differ ${tally.differ}; with EPANET warnings 4/6 (compared): agree ${tally.warnedAgree}, differ ${tally.warnedDiffer}; `
  + `EPANET unbalanced: ours not converged too ${tally.unbalancedBoth}, ours converged ${tally.unbalancedDiffer}; `
  + `balanced only in EPANET's UNBALANCED CONTINUE trials (the snapshot stops at TRIALS, documented) ${tally.extraTrials}`);
console.log(`simulate chose the extended-period engine for ${tally.routedEps} (unexpectedly: ${tally.routedUnexpected}); backends differ ${tally.backendsDiffer} (ilgpu-cpu run on ${tally.ilgpuRuns})`);
console.log(`skipped: EPANET input error ${tally.epanetError} (ours refused too), EPANET warning 2/3 ${tally.epanetSkipWarn}; refused by us (exit 2) ${tally.refused}; crashed ${tally.crash}; EPANET error but ours ran ${tally.epanetErrorWeRan}`);
for (const [k, v] of Object.entries(lists)) if (v.length) console.log(`\n${k}:\n  ${v.join("\n  ")}`);
process.exit(tally.differ + tally.warnedDiffer + tally.unbalancedDiffer + tally.crash + tally.epanetErrorWeRan + tally.backendsDiffer + tally.routedUnexpected > 0 ? 1 : 0);
