#!/usr/bin/env bash
# Regenerates data/scenarios/*.wdn from the EPANET networks in data/networks/ and the design blocks in
# data/scenarios/src/*.design.json (catalogs and limits from data/networks/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/WdnAccel.Cli -c Release -v q >/dev/null
for design in data/scenarios/src/*.design.json; do
  name=$(basename "$design" .design.json)
  dotnet src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel.dll convert "data/networks/$name.inp" "data/scenarios/$name.wdn" --merge "$design"
done
