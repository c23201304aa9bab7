// Side-by-side baseline for pump-schedule batches: EPANET 2.2 (epanet-js 0.9.0's v2.2 engine, WebAssembly, one
// thread) runs N random on/off schedules of Net1's pump through the whole 24 h hydraulic simulation (EN_solveH),
// its two level controls removed as `wdnaccel simulate --pump-schedules` removes them. Prints JSON with the time per
// schedule-hour. Usage: node eps-timing.mjs [N=200] [seed=1]
import { Project, Workspace, LinkProperty, CountType, TimeParameter } from "epanet-js";
import { EpanetEngine } from "epanet-js/engines/v2.2";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
const n = Number(process.argv[2] ?? 200);
let seed = Number(process.argv[3] ?? 1);
const rng = () => {
  seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ws = new Workspace();
const wasmBinary = fs.readFileSync(path.join(here, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
const model = new Project(ws);
ws.writeFile("Net1.inp", fs.readFileSync(path.resolve(here, "../../data/networks/Net1.inp")));
model.open("Net1.inp", "Net1.rpt", "");
while (model.getCount(CountType.ControlCount) > 0) model.deleteControl(1);
const pump = model.getLinkIndex("9");
model.addPattern("schedule");
const pattern = model.getPatternIndex("schedule");
model.setLinkValue(pump, LinkProperty.LinkPattern, pattern);
const duration = model.getTimeParameter(TimeParameter.Duration);
const periods = Math.ceil(duration / model.getTimeParameter(TimeParameter.PatternStep));
const schedules = Array.from({ length: n }, () => Array.from({ length: periods }, () => (rng() < 0.5 ? 1 : 0)));
const warn = console.warn;
console.warn = () => {};
let failed = 0;
const t0 = process.hrtime.bigint();
for (const s of schedules) {
  model.setPattern(pattern, s);
  try { model.solveH(); } catch { failed++; }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.warn = warn;
model.close();
const hours = n * duration / 3600;
console.log(JSON.stringify({ engine: `epanet-js 0.9.0 (EPANET ${ws.version}, WebAssembly), 1 thread`, network: "Net1", schedules: n, periods, failed, seconds, microseconds_per_schedule_hour: seconds * 1e6 / hours }));
