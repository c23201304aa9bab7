// Pieces the EPANET differential fuzzers (eps-vs-epanet.mjs, snapshot-vs-epanet.mjs) share: their arguments, the
// EPANET 2.2 engine of npm epanet-js 0.9.0 (tools/epanet-reference, `npm install` there once), EPANET's unit factors,
// the seeded generator and a run of our CLI.
import { createRequire } from "module";
import { spawnSync } from "child_process";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
export const root = path.resolve(here, "../..");
export const refDir = path.join(root, "tools", "epanet-reference");
const require = createRequire(path.join(refDir, "package.json"));
export const epanet = require("epanet-js");
const { EpanetEngine } = require("epanet-js/engines/v2.2");

/** `--name value` from the command line, or the default. */
export const args = process.argv.slice(2);
export const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
export const flag = name => args.includes(name);

/** The Release CLI (or --cli PATH); exits 2 with the way out when it is not built. */
export function cliPath() {
  const cli = opt("--cli", path.join(root, "src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel"));
  if (!fs.existsSync(cli)) { console.error(`no CLI at ${cli}: run dotnet build -c Release`); process.exit(2); }
  return cli;
}

/** An epanet-js Workspace running EPANET 2.2 (the package's plain loadModule() loads its newest engine, 2.3.x). */
export async function epanet22Workspace() {
  const ws = new epanet.Workspace();
  const wasmBinary = fs.readFileSync(path.join(refDir, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
  await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
  if (ws.version !== 20200) throw new Error(`expected the EPANET 2.2 engine, got ${ws.version}`);
  return ws;
}

// EPANET 2.2 src/types.h: units per cfs; our engine and EPANET alike compute with these factors.
export const perCfs = { CFS: 1, GPM: 448.831, MGD: 0.64632, IMGD: 0.5382, AFD: 1.9837, LPS: 28.317, LPM: 1699.0, MLD: 2.4466, CMH: 101.94, CMD: 2446.6 };
export const unitName = ["CFS", "GPM", "MGD", "IMGD", "AFD", "LPS", "LPM", "MLD", "CMH", "CMD"];
export const usUnits = new Set(["CFS", "GPM", "MGD", "IMGD", "AFD"]);
export const ft3 = 0.3048 ** 3;
export const psiPerFt = 0.4333;

/** Mulberry32 (Tommy Ettinger's public-domain 32-bit generator): the same networks for a seed on every machine. */
export function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

/** Uniform, integer, pick and chance draws of one seeded stream. */
export function draws(seed) {
  const rnd = mulberry32(seed * 2654435761);
  const U = (a, b) => a + (b - a) * rnd();
  return { rnd, U, I: (a, b) => Math.floor(U(a, b + 1)), pick: xs => xs[Math.floor(rnd() * xs.length)], chance: p => rnd() < p };
}

/**
 * Joins the junctions J (in order) with pipes: each to one of its two nearest predecessors (a tree, diameters drawn from
 * treeDiameters), then up to floor(J.length / loopDivisor) extra pipes between a random junction and its nearest
 * junction not yet linked to it (loops, diameters from loopDiameters). addPipe(a, b, d, tree) makes a pipe; the draws
 * come in a fixed order, so a seed makes the same network as long as the generator calls this at the same point.
 */
export function linkJunctions(J, { I, pick }, dist, addPipe, treeDiameters, loopDiameters, loopDivisor) {
  const linked = new Set();
  const key = (a, b) => (a.id < b.id ? `${a.id}|${b.id}` : `${b.id}|${a.id}`);
  for (let i = 1; i < J.length; i++) {
    const near = J.slice(0, i).sort((a, b) => dist(a, J[i]) - dist(b, J[i]));
    const to = near[Math.min(near.length - 1, I(0, 1))];
    addPipe(to, J[i], pick(treeDiameters), true); linked.add(key(to, J[i]));
  }
  for (let k = I(0, Math.floor(J.length / loopDivisor)); k > 0; k--) {
    const a = pick(J);
    const b = J.filter(j => j !== a && !linked.has(key(a, j))).sort((p, q) => dist(p, a) - dist(q, a))[0];
    if (!b) continue;
    addPipe(a, b, pick(loopDiameters), false); linked.add(key(a, b));
  }
}

/** A number as written into an .inp file (at most d decimals, no trailing zeros). */
export const num = (x, d = 4) => Number(x.toFixed(d)).toString();

/**
 * `wdnaccel ARGS... --json`: {json, stderr} on exit 0, {refused: message} on exit 2 (bad input), {crash} otherwise.
 */
export function runCli(cli, cliArgs) {
  const r = spawnSync(cli, [...cliArgs, "--json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status === 0) {
    try { return { json: JSON.parse(r.stdout), stderr: r.stderr ?? "" }; } catch (e) { return { crash: `bad JSON: ${e.message}` }; }
  }
  const msg = (r.stderr || r.stdout || "").trim().split("\n").slice(0, 3).join(" | ");
  return r.status === 2 ? { refused: msg } : { crash: `exit ${r.status}: ${msg}` };
}

/**
 * Runs fn with console.warn captured (epanet-js reports EPANET's warning codes 1-6 that way) and returns
 * [fn's result, the warning codes].
 */
export function withEpanetWarnings(fn) {
  const warnings = [];
  const origWarn = console.warn;
  console.warn = (...a) => warnings.push(a.join(" "));
  try {
    const result = fn();
    return [result, warnings.map(w => Number((/Warning (\d+)/.exec(w) ?? [])[1])).filter(Boolean)];
  } finally {
    console.warn = origWarn;
  }
}

/** EPANET's report-file WARNING lines as warning codes (1 unbalanced, 2 ill-conditioned, 3 disconnected, 4 pump, 5 valve, 6 negative pressures, 9 other). */
export function reportWarningCodes(rpt) {
  const codes = [];
  for (const mm of rpt.matchAll(/WARNING: ([^\n]*)/g)) {
    const s = mm[1];
    if (/unbalanced/i.test(s)) codes.push(1); else if (/unstable|ill-condition/i.test(s)) codes.push(2);
    else if (/disconnected/i.test(s)) codes.push(3); else if (/Pump/i.test(s)) codes.push(4);
    else if (/Valve|FCV|PRV|PSV/i.test(s)) codes.push(5); else if (/negative/i.test(s)) codes.push(6); else codes.push(9);
  }
  return codes;
}
