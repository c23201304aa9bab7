#!/usr/bin/env bash
# What each GPU kernel costs an sm_90 card in registers, spills and shared memory, without a GPU: writes the kernels'
# PTX (`wdnaccel devices --ptx`), assembles each with NVIDIA's ptxas -v, and prints one line per kernel with the
# warps an SM can hold by registers (65,536 per SM, allocated per warp in units of 256; 64 warps at most).
# Needs ptxas: PTXAS=/path/to/ptxas, or on Debian the non-free package nvidia-cuda-toolkit (CUDA 11.8). ILGPU writes
# PTX ISA 8.0; a ptxas older than CUDA 12 accepts 7.8, so the header is lowered to the newest ISA that ptxas takes
# (harmless while the kernels use nothing newer: ptxas refuses the file otherwise). With SASS=1 the disassembly of
# each kernel is kept beside its PTX (cuobjdump -sass), to read how loads and stores were scheduled.
# Usage: tools/ptx-resources/report.sh [wdnaccel binary] (default: the Release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel}
ptxas=${PTXAS:-$(command -v ptxas || true)}
[ -x "$ptxas" ] || { echo "ptxas not found: set PTXAS, or install nvidia-cuda-toolkit (Debian non-free)" >&2; exit 4; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" devices --ptx "$dir/ptx" >/dev/null
release=$("$ptxas" --version | sed -n 's/.*release \([0-9]*\)\.\([0-9]*\).*/\1 \2/p')
set -- $release
isa=$([ "$1" -ge 12 ] && echo "" || echo "7.$2") # CUDA 11.x ptxas: ISA 7.x
keep=${SASS:+${OUT:-/tmp/wdnaccel-sass}}
[ -n "$keep" ] && mkdir -p "$keep"
printf '%-26s %9s %12s %10s %14s\n' kernel registers spill_bytes smem_bytes warps_per_sm
for f in "$dir"/ptx/*.ptx; do
  k=$(basename "$f" .ptx)
  [ -n "$isa" ] && sed -i "s/^\.version 8\.[0-9]*/.version $isa/" "$f"
  info=$("$ptxas" -arch=sm_90 -O3 -v "$f" -o "$dir/$k.cubin" 2>&1)
  regs=$(sed -n 's/.*Used \([0-9]*\) registers.*/\1/p' <<<"$info" | head -1)
  smem=$(sed -n 's/.* \([0-9]*\) bytes smem.*/\1/p' <<<"$info" | head -1)
  spill=$(sed -n 's/.* \([0-9]*\) bytes spill stores.*/\1/p' <<<"$info" | head -1)
  warps=$(( 65536 / ( (regs * 32 + 255) / 256 * 256 ) ))
  printf '%-26s %9s %12s %10s %14s\n' "$k" "$regs" "${spill:-0}" "${smem:-0}" "$(( warps > 64 ? 64 : warps ))"
  if [ -n "$keep" ]; then
    cp "$f" "$keep/"
    "$(dirname "$ptxas")/cuobjdump" -sass "$dir/$k.cubin" > "$keep/$k.sass"
  fi
done
[ -n "$keep" ] && echo "PTX and SASS in $keep" >&2 || true
