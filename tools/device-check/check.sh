#!/usr/bin/env bash
# The device check, run on a machine with an NVIDIA GPU from the repository root, with publish/linux-x64 made by
# publish.sh beside it (no .NET needed there). Writes its figures to $OUT (default /tmp/wdnaccel-device-check):
#   gpu.txt                the card and driver (nvidia-smi)
#   devices.json           what ILGPU finds
#   check.json/.log        parity of every kernel against simd on Hanoi, New York and two-loop random designs (the
#                          two-loop network also with Darcy–Weisbach and with Chezy–Manning pipes) and
#                          random Floyd–Warshall graphs, then throughput beside simd (devices --check cuda --throughput):
#                          the GGA kernel alone in both forms (the loop-flow one with its scratch in device and in
#                          shared memory) with the memory traffic it moved, and a random-design call (designs drawn on
#                          the device, GGA, limits, margins back), at three batch sizes
#                          (scratch within the L2 cache, filling the card, a million lanes), and each Floyd–Warshall
#                          call split into copies, kernels and the kernels' phases, with successors and without them
#                          (the `paths --distances-only` kernels), parity and throughput alike
#   simulate-*.json/.log   end-to-end `simulate HAN --random-designs` on cuda (designs drawn on the device; loop-flow
#                          Newton steps with their scratch in device memory and, -shared, in shared memory; junction
#                          Newton steps) and on simd (designs drawn on the host)
# Settings (defaults are the GPU run's): BIN (the wdnaccel to run), BACKEND (cuda), LANES, NODES, GRAPHS (parity
# sizes), THROUGHPUT_LANES, FW_SIZES, DESIGNS, BATCH. The tests run it on the CPU accelerator at small sizes, so that
# a GPU's scarce minutes never go to a script that no longer matches the CLI.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${BIN:-publish/linux-x64/wdnaccel}
backend=${BACKEND:-cuda}
out=${OUT:-/tmp/wdnaccel-device-check}
mkdir -p "$out"
export DOTNET_gcServer=1
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv > "$out/gpu.txt" 2>&1; cat "$out/gpu.txt"
"$bin" devices --json > "$out/devices.json" 2>&1; head -30 "$out/devices.json"
time "$bin" devices --check "$backend" --lanes "${LANES:-65536}" --nodes "${NODES:-1000}" --graphs "${GRAPHS:-10000}" \
  --throughput --throughput-lanes "${THROUGHPUT_LANES:-32768,131072,1048576}" --throughput-nodes "${FW_SIZES:-2048,4096,8192}" \
  --json > "$out/check.json" 2> "$out/check.log"
echo "check exit $?"; cat "$out/check.log"
# The GPU draws the designs on the device; its two forms of the Newton step side by side (the loop-flow one with its
# scratch in device memory, then in shared memory), then simd on the host's cores.
for run in "$backend auto device" "$backend auto shared" "$backend junctions device" "simd auto device"; do
  set -- $run
  name="$1-$2$([ "$3" = shared ] && echo -shared)"
  time WDNACCEL_GPU_SCRATCH=$3 "$bin" simulate data/scenarios/HAN.wdn --random-designs "${DESIGNS:-4000000}" --batch "${BATCH:-1000000}" --seed 1 \
    --backend "$1" --newton-steps "$2" --json > "$out/simulate-$name.json" 2> "$out/simulate-$name.log" # stderr has progress: not in the JSON
  echo "simulate $name exit $?"; cat "$out/simulate-$name.log" "$out/simulate-$name.json"
done
