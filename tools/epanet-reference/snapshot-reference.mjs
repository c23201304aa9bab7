// Computes EPANET 2.2 (epanet-js 0.9.0, engine v2.2) snapshot results (duration 0: EPANET's solve at time zero) of the
// networks in networks/snapshot/ and writes ../../data/reference/snapshot/<NET>.json in SI units (m, m3/s).
// Run: npm install && node snapshot-reference.mjs
// Each network exercises something of the time-zero solve beyond pipes and fixed heads: PATTERN START, pump speed
// patterns, controls acting at time zero, tanks that start full or empty, custom pump curves, abbreviated [OPTIONS]
// keywords, solver options. The script fails if EPANET reports an error or warning.
import { Project, Workspace, NodeProperty, LinkProperty, CountType, FlowUnits, InitHydOption, AnalysisStatistic } from "epanet-js";
import { EpanetEngine } from "epanet-js/engines/v2.2";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");
const netDir = path.join(here, "networks", "snapshot");
const outDir = path.resolve(here, "../../data/reference/snapshot");

const usUnits = new Set([FlowUnits.CFS, FlowUnits.GPM, FlowUnits.MGD, FlowUnits.IMGD, FlowUnits.AFD]);
// EPANET 2.2 src/types.h flow factors of the US units (units per cfs); SI units with the exact metric factor.
const perCfs = { [FlowUnits.CFS]: 1, [FlowUnits.GPM]: 448.831, [FlowUnits.MGD]: 0.64632, [FlowUnits.IMGD]: 0.5382, [FlowUnits.AFD]: 1.9837 };
const siFlow = { [FlowUnits.LPS]: 1e-3, [FlowUnits.LPM]: 1e-3 / 60, [FlowUnits.MLD]: 1e3 / 86400, [FlowUnits.CMH]: 1 / 3600, [FlowUnits.CMD]: 1 / 86400 };
const unitName = ["CFS", "GPM", "MGD", "IMGD", "AFD", "LPS", "LPM", "MLD", "CMH", "CMD"];
const ft3 = 0.3048 ** 3;
const r9 = x => { const v = Number(x.toPrecision(9)); return Object.is(v, -0) ? 0 : v; };

const ws = new Workspace();
// The package's default engine is 2.3.x; the references are EPANET 2.2's (its .wasm handed over as bytes).
const wasmBinary = fs.readFileSync(path.join(here, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
if (ws.version !== 20200) throw new Error(`expected the EPANET 2.2 engine, got ${ws.version}`);

fs.mkdirSync(outDir, { recursive: true });
let failed = false;
for (const f of fs.readdirSync(netDir).filter(f => f.endsWith(".inp")).sort()) {
  const name = path.basename(f, ".inp");
  const warnings = [];
  const origWarn = console.warn;
  console.warn = (...a) => warnings.push(a.join(" "));
  const model = new Project(ws);
  ws.writeFile(name + ".inp", fs.readFileSync(path.join(netDir, f)));
  model.open(name + ".inp", name + ".rpt", "");
  const units = model.getFlowUnits();
  const L = usUnits.has(units) ? 0.3048 : 1.0;
  const Q = usUnits.has(units) ? ft3 / perCfs[units] : siFlow[units];
  model.openH();
  model.initH(InitHydOption.NoSave);
  model.runH();
  // The GGA's trial count: the same count means the same Newton path (initial flows, status checks, stopping test).
  const trials = model.getStatistic(AnalysisStatistic.Iterations);
  const nodes = [], links = [];
  for (let i = 1; i <= model.getCount(CountType.NodeCount); i++) {
    const head = model.getNodeValue(i, NodeProperty.Head) * L, elev = model.getNodeValue(i, NodeProperty.Elevation) * L;
    nodes.push({ id: model.getNodeId(i), head: r9(head), pressure: r9(head - elev), demand: r9(model.getNodeValue(i, NodeProperty.Demand) * Q) });
  }
  for (let j = 1; j <= model.getCount(CountType.LinkCount); j++) {
    links.push({ id: model.getLinkId(j), flow: r9(model.getLinkValue(j, LinkProperty.Flow) * Q),
      status: model.getLinkValue(j, LinkProperty.Status) ? "OPEN" : "CLOSED" });
  }
  model.closeH();
  model.close();
  console.warn = origWarn;
  const rpt = ws.readFile(name + ".rpt");
  const bad = [...warnings, ...rpt.split("\n").filter(s => /WARNING|Error \d/.test(s)).map(s => s.trim())];
  const doc = {
    network: name,
    file: path.relative(root, path.join(netDir, f)),
    source: "epanet-js 0.9.0 (EPANET 2.2), duration 0: the solve at time zero",
    units: "SI: head, pressure m; demand, flow m3/s",
    flow_units: unitName[units],
    trials,
    nodes,
    links,
  };
  fs.writeFileSync(path.join(outDir, name + ".json"), JSON.stringify(doc, null, 1) + "\n");
  const closed = links.filter(l => l.status === "CLOSED").map(l => l.id);
  console.log(`${name}: ${unitName[units]}, ${nodes.length} nodes, ${links.length} links; closed: ${closed.join(" ") || "none"}`);
  if (bad.length) { failed = true; console.log("  WARNINGS:\n" + bad.map(s => "    " + s).join("\n")); }
}
if (failed) { console.log("EPANET reported warnings (see above)"); process.exitCode = 1; }
