// EPANET 2.2 (epanet-js 0.9.0, engine v2.2) water quality at every report step for the .inp files of
// tests/WdnAccel.Core.Tests/Quality/Networks, written there as quality-reference.json: node quality and link quality (EPANET's segment average) in the files' quality
// units (mg/L, hours, percent), rounded to 9 significant digits. The loop is EPANET's own: openH/initH/runH/nextH,
// then openQ/initQ/runQ/nextQ, sampling at report start + k * report step.
// Run: cd tools/epanet-reference && npm install && node quality-reference.mjs
import fs from "fs";
import path from "path";

const script = path.dirname(new URL(import.meta.url).pathname);
// The networks and their reference JSON live with the tests that read them.
const here = path.resolve(script, "../../tests/WdnAccel.Core.Tests/Quality/Networks");
const pkg = path.resolve(script, "node_modules/epanet-js");
const { Project, Workspace, NodeProperty, LinkProperty, CountType, InitHydOption, TimeParameter } = await import(path.join(pkg, "dist/index.mjs"));
const { EpanetEngine } = await import(path.join(pkg, "dist/engines/v2.2/index.mjs"));

const ws = new Workspace();
const wasmBinary = fs.readFileSync(path.join(pkg, "dist/engines/v2.2/EpanetEngine.wasm"));
await ws.loadModuleVersion(() => EpanetEngine({ wasmBinary }));
if (ws.version !== 20200) throw new Error(`expected EPANET 2.2 engine, got ${ws.version}`);

const r9 = x => { const v = Number(x.toPrecision(9)); return Object.is(v, -0) ? 0 : v; };
const out = { source: "epanet-js 0.9.0 (EPANET 2.2)", networks: {} };
for (const file of fs.readdirSync(here).filter(f => f.endsWith(".inp")).sort()) {
  const name = path.basename(file, ".inp");
  const m = new Project(ws);
  ws.writeFile("q.inp", fs.readFileSync(path.join(here, file)));
  m.open("q.inp", "q.rpt", "");
  const nN = m.getCount(CountType.NodeCount), nL = m.getCount(CountType.LinkCount);
  const nodes = [], links = [];
  for (let i = 1; i <= nN; i++) nodes.push(m.getNodeId(i));
  for (let j = 1; j <= nL; j++) links.push(m.getLinkId(j));
  m.solveH();
  const rstep = m.getTimeParameter(TimeParameter.ReportStep), rstart = m.getTimeParameter(TimeParameter.ReportStart);
  const steps = [];
  m.openQ();
  m.initQ(InitHydOption.NoSave);
  let tstep;
  do {
    const t = m.runQ();
    if (t >= rstart && (t - rstart) % rstep === 0) {
      const quality = [], linkQuality = [];
      for (let i = 1; i <= nN; i++) quality.push(r9(m.getNodeValue(i, NodeProperty.Quality)));
      for (let j = 1; j <= nL; j++) linkQuality.push(r9(m.getLinkValue(j, LinkProperty.LinkQual)));
      steps.push({ time: t, quality, link_quality: linkQuality });
    }
    tstep = m.nextQ();
  } while (tstep > 0);
  m.closeQ();
  m.close();
  out.networks[name] = { nodes, links, steps };
  console.log(`${name}: ${steps.length} report steps`);
}
fs.writeFileSync(path.join(here, "quality-reference.json"), JSON.stringify(out) + "\n");
