// Computes EPANET 2.2 (epanet-js 0.9.0, engine v2.2) extended-period (EPS) results and writes
// ../../data/reference/eps/<NET>.json in SI units (s, m, m3/s, mg/L).
// Run: npm install && node eps-reference.mjs [NET ...]   (no names: every network)
// Networks: networks/eps/*.inp (hand-written, one element group each) and EPANET's example networks Net1, Net2
// and Net3 as bundled in data/networks. The toolkit loop is openH/initH/runH/nextH (all hydraulic times are
// recorded), then openQ/initQ/runQ/nextQ; nodes and links are sampled at EPANET's own reporting times
// (the first hydraulic time at or after report start + k * report step), when runQ has loaded the hydraulics of that
// time and routed quality to it.
// Raw link status codes and the pump energy report come from EPANET's binary output file of the same run.
import { Project, Workspace, NodeProperty, LinkProperty, CountType, FlowUnits, InitHydOption, TimeParameter, NodeType, LinkType, StatusReport } from "epanet-js";
import { EpanetEngine } from "epanet-js/engines/v2.2";
import fs from "fs";
import path from "path";

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");
const bundled = path.resolve(here, "../../data/networks");
const epsDir = path.join(here, "networks", "eps");
const outDir = path.resolve(here, "../../data/reference/eps");

const usUnits = new Set([FlowUnits.CFS, FlowUnits.GPM, FlowUnits.MGD, FlowUnits.IMGD, FlowUnits.AFD]);
// EPANET 2.2 src/types.h flow factors of the US units (units per cfs) and pressure factor (psi per ft of water).
const perCfs = { [FlowUnits.CFS]: 1, [FlowUnits.GPM]: 448.831, [FlowUnits.MGD]: 0.64632, [FlowUnits.IMGD]: 0.5382,
  [FlowUnits.AFD]: 1.9837 };
const siFlow = { [FlowUnits.LPS]: 1e-3, [FlowUnits.LPM]: 1e-3 / 60, [FlowUnits.MLD]: 1e3 / 86400,
  [FlowUnits.CMH]: 1 / 3600, [FlowUnits.CMD]: 1 / 86400 };
const unitName = ["CFS", "GPM", "MGD", "IMGD", "AFD", "LPS", "LPM", "MLD", "CMH", "CMD"];
const ft3 = 0.3048 ** 3;
const psiPerFt = 0.4333;
const nodeTypeName = ["JUNCTION", "RESERVOIR", "TANK"];
const linkTypeName = ["CVPIPE", "PIPE", "PUMP", "PRV", "PSV", "PBV", "FCV", "TCV", "GPV"];
const qualName = ["NONE", "CHEMICAL", "AGE", "TRACE"];
// EPANET 2.2 link status codes (types.h StatusType), as stored in the binary output file.
const statusDetail = ["XHEAD", "TEMPCLOSED", "CLOSED", "OPEN", "ACTIVE", "XFLOW", "XFCV", "XPRESSURE"];
const statusText = c => (c <= 2 ? "CLOSED" : c === 4 ? "ACTIVE" : "OPEN");

// Networks whose EPANET answer includes a warning on purpose: every warning line of the report must match one of
// these (and each must occur); the toolkit's summary warning code and the output file's flag are then expected too.
const expectedWarnings = {
  VALVE_CUT_OFF_ZONE: [/^WARNING: PSV V1 open but cannot deliver pressure at \d+:\d\d:\d\d hrs\.$/],
  VALVE_ZONE_NO_DEMAND: [/^WARNING: PSV V1 open but cannot deliver pressure at \d+:\d\d:\d\d hrs\.$/],
};

const r9 = x => { const v = Number(x.toPrecision(9)); return Object.is(v, -0) ? 0 : v; };

const ws = new Workspace();
// The package's default loadModule() loads its newest engine (2.3.x); the v2.2 engine is loaded explicitly,
// with the .wasm handed over as bytes (its own loader fetches a file: URL, which Node cannot).
const wasmBinary = fs.readFileSync(path.join(here, "node_modules/epanet-js/dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
if (ws.version !== 20200) throw new Error(`expected EPANET 2.2 engine, got ${ws.version}`);

const files = [
  ...fs.readdirSync(epsDir).filter(f => f.endsWith(".inp")).sort().map(f => path.join(epsDir, f)),
  path.join(bundled, "Net1.inp"),
  path.join(bundled, "Net2.inp"),
  path.join(bundled, "Net3.inp"),
];
const only = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });

// EPANET 2.2 binary output file: prolog ints, energy section, one block per reporting period, epilog.
function readOut(bytes, nNodes, nLinks, nPumps) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.byteLength;
  const magicEnd = dv.getInt32(size - 4, true), warn = dv.getInt32(size - 8, true), nPer = dv.getInt32(size - 12, true);
  if (dv.getInt32(0, true) !== 516114521 || magicEnd !== 516114521) throw new Error("bad binary output file");
  if (dv.getInt32(8, true) !== nNodes || dv.getInt32(16, true) !== nLinks || dv.getInt32(20, true) !== nPumps) throw new Error("binary output counts differ");
  const perBytes = 4 * (4 * nNodes + 8 * nLinks);
  const dynStart = size - 28 - nPer * perBytes;
  const energyStart = dynStart - (28 * nPumps + 4);
  const energy = [];
  for (let p = 0; p < nPumps; p++) {
    const o = energyStart + 28 * p;
    const v = [];
    for (let j = 0; j < 6; j++) v.push(dv.getFloat32(o + 4 + 4 * j, true));
    energy.push({ link: dv.getInt32(o, true), v });
  }
  const demandCharge = dv.getFloat32(dynStart - 4, true);
  const f = (k, off) => dv.getFloat32(dynStart + k * perBytes + 4 * off, true);
  return {
    nPer, warn, energy, demandCharge,
    nodeHead: (k, i) => f(k, nNodes + i),
    nodeQual: (k, i) => f(k, 3 * nNodes + i),
    linkFlow: (k, j) => f(k, 4 * nNodes + j),
    linkStatus: (k, j) => f(k, 4 * nNodes + 4 * nLinks + j),
  };
}

let failed = false;
for (const file of files) {
  const name = path.basename(file, ".inp");
  if (only.length && !only.includes(name)) continue;
  const warnings = [];
  const origWarn = console.warn;
  console.warn = (...a) => warnings.push(a.join(" "));
  const model = new Project(ws);
  ws.writeFile(name + ".inp", fs.readFileSync(file));
  model.open(name + ".inp", name + ".rpt", name + ".out");
  model.setReport("ENERGY YES");
  model.setStatusReport(StatusReport.NormalReport);

  const units = model.getFlowUnits();
  const us = usUnits.has(units);
  const L = us ? 0.3048 : 1.0;                       // head, elevation, level -> m
  // Flow -> m3/s: US units with EPANET's own factor (types.h, per cfs) and ft3 = 0.3048^3; SI units with the
  // exact metric factor, so that a demand given as 54 L/s is reported as 0.054 m3/s.
  const Q = us ? ft3 / perCfs[units] : siFlow[units];
  // Valve pressure setting -> m: psi in US files; kPa in SI files with PRESSURE KPA (EPANET 2.2 has no toolkit
  // option for it, so the file is read), whose factor is KPAperPSI (6.895) times that of psi.
  const kpa = !us && /^\s*pressure\s+kpa\b/im.test(fs.readFileSync(file, "utf8"));
  const P = us ? 0.3048 / psiPerFt : kpa ? 0.3048 / (psiPerFt * 6.895) : 1.0;
  const nNodes = model.getCount(CountType.NodeCount), nLinks = model.getCount(CountType.LinkCount);
  const nodeIds = [], nodeTypes = [], elev = [], linkIds = [], linkTypes = [];
  for (let i = 1; i <= nNodes; i++) {
    nodeIds.push(model.getNodeId(i)); nodeTypes.push(model.getNodeType(i));
    elev.push(model.getNodeValue(i, NodeProperty.Elevation));
  }
  for (let j = 1; j <= nLinks; j++) { linkIds.push(model.getLinkId(j)); linkTypes.push(model.getLinkType(j)); }
  const pumps = [];
  for (let j = 1; j <= nLinks; j++) if (linkTypes[j - 1] === LinkType.Pump) pumps.push(j);
  const tanks = [];
  for (let i = 1; i <= nNodes; i++) if (nodeTypes[i - 1] === NodeType.Tank) tanks.push(i);
  const T = p => model.getTimeParameter(p);
  const duration = T(TimeParameter.Duration), hstep = T(TimeParameter.HydStep), qstep = T(TimeParameter.QualStep);
  const rstep = T(TimeParameter.ReportStep), rstart = T(TimeParameter.ReportStart);
  const pstep = T(TimeParameter.PatternStep), clockStart = T(TimeParameter.StartTime);
  const qual = model.getQualityInfo();
  const qualType = qual.qualType;

  // Hydraulics: every time EPANET solved, and tank levels there (for the summary).
  const hydTimes = [];
  const tankRange = new Map(tanks.map(i => [i, { min: Infinity, max: -Infinity,
    lo: model.getNodeValue(i, NodeProperty.MinLevel) * L, hi: model.getNodeValue(i, NodeProperty.MaxLevel) * L }]));
  model.openH();
  model.initH(InitHydOption.Save);
  let tstep;
  do {
    const t = model.runH();
    hydTimes.push(t);
    for (const i of tanks) {
      const lv = (model.getNodeValue(i, NodeProperty.Head) - elev[i - 1]) * L, r = tankRange.get(i);
      r.min = Math.min(r.min, lv); r.max = Math.max(r.max, lv);
    }
    tstep = model.nextH();
  } while (tstep > 0);
  model.closeH();

  // Quality pass over the saved hydraulics; sample at reporting times.
  // EPANET saves a reporting period at the first hydraulic time at or after its report time, then moves that time on
  // by one report step (quality.c runqual); with a report start that is not a multiple of the report step the saved
  // state is a later one than the period's label (start + k * step). Each step records the time of its state.
  const steps = [];
  let rtime = rstart;
  model.openQ();
  model.initQ(InitHydOption.Save);
  do {
    const t = model.runQ();
    if (t >= rtime) {
      rtime += rstep;
      const nodes = [];
      for (let i = 1; i <= nNodes; i++) {
        const head = model.getNodeValue(i, NodeProperty.Head) * L;
        const n = { id: nodeIds[i - 1], head: r9(head), pressure: r9(head - elev[i - 1] * L),
          demand: r9(model.getNodeValue(i, NodeProperty.Demand) * Q), quality: r9(model.getNodeValue(i, NodeProperty.Quality)) };
        // EN_TANKLEVEL of EPANET 2.2 is the tank's initial level; the current level is head - elevation.
        if (nodeTypes[i - 1] === NodeType.Tank) n.tank_level = n.pressure;
        nodes.push(n);
      }
      const links = [];
      for (let j = 1; j <= nLinks; j++) {
        const type = linkTypes[j - 1];
        let setting = model.getLinkValue(j, LinkProperty.Setting);
        if (type === LinkType.PRV || type === LinkType.PSV || type === LinkType.PBV) setting *= P;
        else if (type === LinkType.FCV) setting *= Q;
        const l = { id: linkIds[j - 1], flow: r9(model.getLinkValue(j, LinkProperty.Flow) * Q),
          en_status: model.getLinkValue(j, LinkProperty.Status), setting: r9(setting) };
        if (type === LinkType.Pump) {
          l.power_kw = r9(model.getLinkValue(j, LinkProperty.Energy));
          l.efficiency = r9(model.getLinkValue(j, LinkProperty.PumpEffic));
        }
        links.push(l);
      }
      steps.push({ time: t, nodes, links });
    }
    tstep = model.nextQ();
  } while (tstep > 0);
  model.closeQ();
  model.report();
  model.close();
  console.warn = origWarn;

  const rpt = ws.readFile(name + ".rpt");
  const out = readOut(ws.readFile(name + ".out", "binary"), nNodes, nLinks, pumps.length);
  if (out.nPer !== steps.length) throw new Error(`${name}: ${steps.length} samples but ${out.nPer} reporting periods`);
  // Raw status codes from the output file; cross-check heads, quality, flows and EN_STATUS against it.
  steps.forEach((s, k) => {
    s.nodes.forEach((n, i) => {
      const h = out.nodeHead(k, i) * L;
      if (Math.abs(h - n.head) > 1e-4 * Math.max(1, Math.abs(h))) throw new Error(`${name} t=${s.time} node ${n.id}: head ${n.head} vs output file ${h}`);
      const c = out.nodeQual(k, i);
      if (Math.abs(c - n.quality) > 1e-5 * Math.max(1, Math.abs(c))) throw new Error(`${name} t=${s.time} node ${n.id}: quality ${n.quality} vs output file ${c}`);
    });
    s.links = s.links.map((l, j) => {
      const code = Math.round(out.linkStatus(k, j));
      const q = out.linkFlow(k, j) * Q;
      if (Math.abs(q - l.flow) > 1e-5 * Math.max(1e-3, Math.abs(q))) throw new Error(`${name} t=${s.time} link ${l.id}: flow ${l.flow} vs output file ${q}`);
      if ((code <= 2 ? 0 : 1) !== l.en_status) throw new Error(`${name} t=${s.time} link ${l.id}: EN_STATUS ${l.en_status} vs status code ${code}`);
      const { en_status, ...rest } = l;
      return { id: rest.id, flow: rest.flow, status: statusText(code), status_code: code, ...(code > 4 || code < 2 ? { status_detail: statusDetail[code] } : {}),
        setting: rest.setting, ...(rest.power_kw !== undefined ? { power_kw: rest.power_kw, efficiency: rest.efficiency } : {}) };
    });
  });
  // Pump energy report (EPANET's "Energy Usage" table, from the output file's energy section).
  const perFlowToM3 = us ? (perCfs[FlowUnits.GPM] / 60 / 1e6) / ft3 : 1.0; // kWh/Mgal -> kWh/m3 (SI: already per m3)
  const pumpReport = out.energy.map(e => {
    const [util, effic, kwhPerFlow, avgKw, peakKw, cost] = e.v;
    return { id: linkIds[e.link - 1], utilization: r9(util), efficiency: r9(effic), kwh_per_m3: r9(kwhPerFlow * perFlowToM3),
      average_kw: r9(avgKw), peak_kw: r9(peakKw), cost_per_day: r9(cost), energy_kwh_per_day: r9(avgKw * util / 100 * 24) };
  });
  // Cross-check against the report file's "Energy Usage" table (2 decimals, file units).
  const eTable = rpt.slice(rpt.indexOf("Energy Usage:")).split("\n");
  for (const e of out.energy) {
    const id = linkIds[e.link - 1];
    const row = eTable.find(s => s.trim().split(/\s+/)[0] === id);
    const vals = row ? row.trim().split(/\s+/).slice(1).map(Number) : [];
    if (vals.length !== 6 || vals.some((v, k) => Math.abs(v - e.v[k]) > 0.006 + 1e-6 * Math.abs(v)))
      throw new Error(`${name}: pump ${id} energy ${e.v} vs report row "${row}"`);
  }
  const statusLines = rpt.split("\n").map(s => s.trim()).filter(s => /^\d+:\d\d:\d\d: /.test(s) && !/Balanced after/.test(s));
  const rptWarnings = rpt.split("\n").filter(s => /WARNING/i.test(s)).map(s => s.trim());
  const allowed = expectedWarnings[name] ?? [];

  const rel = path.relative(root, file);
  const doc = {
    network: name,
    file: rel,
    source: "epanet-js 0.9.0 (EPANET 2.2)",
    units: "SI: time s; head, pressure, tank_level m; demand, flow m3/s; quality as the file's chemical units (mg/L), AGE h, TRACE %",
    flow_units: unitName[units],
    duration, hydraulic_step: hstep, report_step: rstep, report_start: rstart, quality_step: qstep,
    pattern_step: pstep, start_clocktime: clockStart,
    quality: { type: qualName[qualType], name: qual.chemName, units: qual.chemUnits },
    node_types: Object.fromEntries(nodeIds.map((id, i) => [id, nodeTypeName[nodeTypes[i]]])),
    link_types: Object.fromEntries(linkIds.map((id, j) => [id, linkTypeName[linkTypes[j]]])),
    steps,
    pumps: pumpReport,
    energy_demand_charge: r9(out.demandCharge),
    hydraulic_times: hydTimes,
    status_report: statusLines,
    ...(allowed.length ? { warnings: rptWarnings } : {}),
  };
  fs.writeFileSync(path.join(outDir, name + ".json"), JSON.stringify(doc) + "\n");

  // Console summary: what was active.
  const sum = [];
  const seen = (j) => { const m = new Map(); for (const s of steps) { const st = s.links[j].status_detail ?? s.links[j].status; m.set(st, (m.get(st) ?? 0) + 1); } return [...m].map(([k, v]) => `${k}x${v}`).join(" "); };
  for (let j = 1; j <= nLinks; j++) {
    const type = linkTypes[j - 1];
    const st = seen(j - 1);
    if (type >= LinkType.Pump || st.includes(" ") || !st.startsWith("OPEN")) sum.push(`  ${linkTypeName[type]} ${linkIds[j - 1]}: ${st}`);
  }
  for (const i of tanks) {
    const r = tankRange.get(i);
    const { lo, hi } = r;
    const hit = [r.min <= lo + 1e-4 ? "hit MIN" : "", r.max >= hi - 1e-4 ? "hit MAX" : ""].filter(Boolean).join(", ");
    sum.push(`  TANK ${nodeIds[i - 1]}: level ${r.min.toFixed(3)}..${r.max.toFixed(3)} m (min ${lo.toFixed(3)}, max ${hi.toFixed(3)}) ${hit}`);
  }
  let minP = Infinity, minNode = "";
  for (const s of steps) for (const n of s.nodes) if (doc.node_types[n.id] === "JUNCTION" && n.pressure < minP) { minP = n.pressure; minNode = `${n.id}@${s.time / 3600}h`; }
  sum.push(`  min junction pressure ${minP.toFixed(2)} m (${minNode}); ${hydTimes.length} hydraulic times, ${steps.length} report steps`);
  for (const p of pumpReport) sum.push(`  energy ${p.id}: util ${p.utilization.toFixed(2)}% effic ${p.efficiency.toFixed(2)} kWh/m3 ${p.kwh_per_m3.toPrecision(4)} avg ${p.average_kw.toFixed(2)} peak ${p.peak_kw.toFixed(2)} cost/day ${p.cost_per_day.toFixed(2)}`);
  const events = statusLines.filter(s => /changed|closed|open|full|empty/i.test(s) && !/Reservoir .* is/.test(s));
  console.log(`${name}: ${unitName[units]}, ${nNodes} nodes, ${nLinks} links`);
  console.log(sum.join("\n"));
  if (events.length) console.log("  events:\n" + events.map(s => "    " + s).join("\n"));
  const bad = allowed.length
    ? [...rptWarnings.filter(w => !allowed.some(re => re.test(w))), ...allowed.filter(re => !rptWarnings.some(w => re.test(w))).map(re => `expected warning ${re} did not occur`)]
    : [...warnings, ...rptWarnings, ...(out.warn ? [`output file warning flag ${out.warn}`] : [])];
  if (bad.length) { failed = true; console.log("  WARNINGS:\n" + bad.map(s => "    " + s).join("\n")); }
}
if (failed) { console.log("EPANET reported warnings (see above)"); process.exitCode = 1; }
