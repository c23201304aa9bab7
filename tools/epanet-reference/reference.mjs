// Computes EPANET 2.2 (epanet-js) snapshot results for the benchmark networks with fixed designs and writes
// ../../data/reference/<NET>.json in SI units (m, m3/s). Run: npm install && node reference.mjs
// Decision pipes: pipes whose file diameter is a placeholder (< 0.01), or every pipe where none is.
import { Project, Workspace, NodeProperty, LinkProperty, CountType, FlowUnits, InitHydOption } from "epanet-js";
import { EpanetEngine } from "epanet-js/engines/v2.2";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
const shared = path.resolve(here, "../../data/networks"); // the bundled benchmark networks
const outDir = path.resolve(here, "../../data/reference");

// Catalogs in file diameter units (inches for US units, mm for SI), from data/networks/README.md.
const catalogs = {
  TLN: [1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24],
  HAN: [12, 16, 20, 24, 30, 40],
  NYT: [0, 36, 48, 60, 72, 84, 96, 108, 120, 132, 144, 156, 168, 180, 192, 204],
  BLA: [25.4, 50.8, 76.2, 101.6, 152.4, 203.2, 254, 304.8, 355.6, 406.4, 457.2, 508, 558.8, 609.6],
  FOS: [16, 20.4, 26, 32.6, 40.8, 51.4, 61.4, 73.6, 90, 102.2, 114.6, 130.8, 147.2, 163.6, 184, 204.6, 229.2, 257.8, 290.6, 327.4, 368.2, 409.2],
  TRN: [152, 203, 254, 305, 356, 407, 458, 509],
  GOY: [80, 100, 125, 150, 200, 250, 300, 350],
  BAK: [300, 350, 400, 450, 500, 600, 700, 800, 900, 1000, 1100],
  PUMPCV: [150, 200, 250, 300],
  DWLOOP: [50, 100, 150, 200, 250, 300],
  CMLOOP: [2, 4, 6, 8, 10, 12, 16],
};
// "uniform" design: every decision pipe at this catalog size.
const uniform = { TLN: 18, HAN: 40, NYT: 120, BLA: 152.4, FOS: 147.2, TRN: 305, GOY: 200, BAK: 600, PUMPCV: 250, DWLOOP: 200, CMLOOP: 8 };

function mulberry32(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const usUnits = new Set([FlowUnits.CFS, FlowUnits.GPM, FlowUnits.MGD, FlowUnits.IMGD, FlowUnits.AFD]);
// EPANET 2.2 src/types.h flow factors (units per cfs).
const perCfs = { [FlowUnits.CFS]: 1, [FlowUnits.GPM]: 448.831, [FlowUnits.MGD]: 0.64632, [FlowUnits.IMGD]: 0.5382,
  [FlowUnits.AFD]: 1.9837, [FlowUnits.LPS]: 28.317, [FlowUnits.LPM]: 1699.0, [FlowUnits.MLD]: 2.4466,
  [FlowUnits.CMH]: 101.94, [FlowUnits.CMD]: 2446.6 };
const ft3 = 0.3048 ** 3;

function withoutDrawing(text) {
  let skip = false;
  return text.split(/\r?\n/).filter(line => {
    const t = line.trim().toUpperCase();
    if (t.startsWith("[")) skip = t === "[COORDINATES]" || t === "[VERTICES]" || t === "[LABELS]";
    return !skip;
  }).join("\n");
}

const ws = new Workspace();
// epanet-js's default loadModule() loads its newest engine (2.3.5); the references are EPANET 2.2's, loaded explicitly
// with the .wasm handed over as bytes (the engine's own loader fetches a file: URL, which Node cannot).
const wasmBinary = fs.readFileSync(path.join(here, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
if (ws.version !== 20200) throw new Error(`expected the EPANET 2.2 engine, got ${ws.version}`);

const files = [
  // The design benchmarks only; Net1 and Net2 are extended-period examples (eps-reference.mjs).
  ...fs.readdirSync(shared).filter(f => f.endsWith(".inp") && !f.startsWith("Net") && !f.startsWith("layouts")).map(f => path.join(shared, f)),
  path.join(here, "networks", "PUMPCV.inp"),
  path.join(here, "networks", "DWLOOP.inp"),
  path.join(here, "networks", "CMLOOP.inp"),
];
fs.mkdirSync(outDir, { recursive: true });
const skipped = [];
for (const file of files) {
  const name = path.basename(file, ".inp");
  if (name === "GOY" || name === "BAK") {
    // Non-standard files ("units si", power-only pump line, one-number tanks): EPANET reads "units si" as
    // an unknown keyword and would silently simulate in default GPM units, so no trustworthy reference exists.
    skipped.push(`${name}: non-standard EPANET input (see README)`);
    continue;
  }
  const model = new Project(ws);
  // Drawing sections do not change hydraulics, and EPANET 2.2 rejects BLA.inp's [COORDINATES] lines for nodes the
  // file does not define (2.3 skips them): they are left out of what EPANET reads.
  ws.writeFile(name + ".inp", withoutDrawing(fs.readFileSync(file, "utf8")));
  try {
    model.open(name + ".inp", name + ".rpt", "");
  } catch (e) {
    skipped.push(`${name}: ${e.message.split("\n")[0]}`);
    continue;
  }
  const units = model.getFlowUnits();
  const lengthSi = usUnits.has(units) ? 0.3048 : 1.0;
  const diamSi = usUnits.has(units) ? 0.0254 : 0.001;
  const flowSi = ft3 / perCfs[units];
  const nNodes = model.getCount(CountType.NodeCount), nLinks = model.getCount(CountType.LinkCount);
  const pipes = [];
  for (let i = 1; i <= nLinks; i++) {
    if (model.getLinkType(i) > 1) continue; // CV pipe = 0, pipe = 1
    pipes.push({ index: i, id: model.getLinkId(i), diameter: model.getLinkValue(i, LinkProperty.Diameter) });
  }
  let decision = pipes.filter(p => p.diameter < 0.01);
  if (decision.length === 0) decision = pipes;
  // Catalogs of TLN, HAN and NYT are in inches; convert to the file's diameter unit (mm for SI flow units).
  const inches = name === "TLN" || name === "HAN" || name === "NYT";
  const toFile = inches && !usUnits.has(units) ? 25.4 : 1.0;
  const catalog = catalogs[name].map(d => d * toFile);
  const rng = mulberry32(20261121);
  const designs = [{ name: "uniform", sizes: decision.map(() => uniform[name] * toFile) }];
  // DWLOOP also keeps its file diameters: a 50 mm branch in the transitional Reynolds range; CMLOOP its 2 in branch.
  if (name === "DWLOOP" || name === "CMLOOP") designs.push({ name: "file", sizes: decision.map(p => p.diameter) });
  for (let r = 1; r <= 3; r++) designs.push({ name: `random${r}`, sizes: decision.map(() => catalog[Math.floor(rng() * catalog.length)]) });

  const cases = [];
  for (const design of designs) {
    decision.forEach((p, j) => {
      const d = design.sizes[j];
      if (d > 0) {
        model.setLinkValue(p.index, LinkProperty.Diameter, d);
        if (catalog.includes(0)) model.setLinkValue(p.index, LinkProperty.InitStatus, 1);
      } else {
        model.setLinkValue(p.index, LinkProperty.InitStatus, 0); // "no pipe": closed
      }
    });
    try {
      model.solveH();
    } catch (e) {
      skipped.push(`${name}/${design.name}: ${e.message.split("\n")[0]}`);
      continue;
    }
    const nodes = [];
    for (let i = 1; i <= nNodes; i++) {
      const head = model.getNodeValue(i, NodeProperty.Head) * lengthSi;
      const elev = model.getNodeValue(i, NodeProperty.Elevation) * lengthSi;
      nodes.push({ id: model.getNodeId(i), head, pressure: head - elev, demand: model.getNodeValue(i, NodeProperty.Demand) * flowSi });
    }
    const links = [];
    for (let i = 1; i <= nLinks; i++) {
      links.push({ id: model.getLinkId(i), flow: model.getLinkValue(i, LinkProperty.Flow) * flowSi, status: model.getLinkValue(i, LinkProperty.Status) });
    }
    const diameters = {};
    decision.forEach((p, j) => { diameters[p.id] = design.sizes[j] * diamSi; });
    cases.push({ design: design.name, diameters, nodes, links });
  }
  model.close();
  const doc = {
    network: name + ".inp",
    engine: "EPANET 2.2 via epanet-js 0.9.0 (WebAssembly)",
    units: "SI: head, pressure m; demand, flow m3/s; diameter m (0 = pipe closed)",
    note: "pressure = head - elevation; flows converted with EPANET's own factors",
    cases,
  };
  fs.writeFileSync(path.join(outDir, name + ".json"), JSON.stringify(doc, null, 1) + "\n");
  console.log(`${name}: ${cases.length} designs, ${decision.length} decision pipes`);
}
for (const s of skipped) console.log("skipped " + s);
