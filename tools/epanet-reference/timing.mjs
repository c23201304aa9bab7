// Side-by-side throughput baseline: EPANET 2.2 (epanet-js, WebAssembly) solving N random Hanoi catalog designs
// one after another (set 34 diameters through the toolkit, EN_solveH). Prints JSON with solves/s.
// Usage: node timing.mjs [N=2000] [seed=1]. compare.sh runs this and `wdnaccel simulate --random-designs` together.
import { Project, Workspace, LinkProperty } from "epanet-js";
import { EpanetEngine } from "epanet-js/engines/v2.2";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
const n = Number(process.argv[2] ?? 2000);
let seed = Number(process.argv[3] ?? 1);
const rng = () => {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const catalogMm = [12, 16, 20, 24, 30, 40].map(d => d * 25.4); // HAN.inp is in CMH, so diameters are mm

const ws = new Workspace();
// epanet-js's default loadModule() loads its newest engine (2.3.5); the references are EPANET 2.2's, loaded explicitly
// with the .wasm handed over as bytes (the engine's own loader fetches a file: URL, which Node cannot).
const wasmBinary = fs.readFileSync(path.join(here, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
if (ws.version !== 20200) throw new Error(`expected the EPANET 2.2 engine, got ${ws.version}`);
const model = new Project(ws);
ws.writeFile("HAN.inp", fs.readFileSync(path.resolve(here, "../../data/networks/HAN.inp")));
model.open("HAN.inp", "HAN.rpt", "");
const pipes = Array.from({ length: 34 }, (_, i) => i + 1);
const designs = Array.from({ length: n }, () => pipes.map(() => catalogMm[Math.floor(rng() * catalogMm.length)]));
// epanet-js prints "System has negative pressures" through console.warn for every infeasible design; printing
// thousands of lines would be timed too and flatter our ratio, so warnings are silenced for the timed loop.
const warn = console.warn;
console.warn = () => {};
let failed = 0;
const t0 = process.hrtime.bigint();
for (const d of designs) {
  pipes.forEach((p, j) => model.setLinkValue(p, LinkProperty.Diameter, d[j]));
  try { model.solveH(); } catch { failed++; }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.warn = warn;
model.close();
console.log(JSON.stringify({ engine: "epanet-js 0.9.0 (EPANET 2.2, WebAssembly), 1 thread", network: "HAN", solves: n, failed, seconds, solves_per_second: n / seconds }));
