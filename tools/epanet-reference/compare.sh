#!/usr/bin/env bash
# Runs epanet-js and wdnaccel on N random Hanoi catalog designs (same catalog and distribution, independent draws)
# back to back and prints both rates and their ratio. Needs `npm install` here and a Release build of the CLI:
#   dotnet build -c Release src/WdnAccel.Cli && tools/epanet-reference/compare.sh 5000 200000
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n_epanet="${1:-2000}"
n_ours="${2:-100000}"
cli="$root/src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel"
epanet=$(node "$here/timing.mjs" "$n_epanet" 2>/dev/null | tail -1)
ours=$("$cli" simulate "$root/data/networks/HAN.inp" --random-designs "$n_ours" --seed 1 --backend simd \
  --catalog 0.3048,0.4064,0.508,0.6096,0.762,1.016 --min-pressure 30 --json 2>/dev/null)
echo "epanet-js: $epanet"
echo "wdnaccel:  $(echo "$ours" | tr -d '\n ' )"
node -e '
const a = JSON.parse(process.argv[1]), b = JSON.parse(process.argv[2]);
console.log(`ratio wdnaccel/epanet-js = ${(b.solves_per_second / a.solves_per_second).toFixed(1)}x`);' "$epanet" "$ours"
