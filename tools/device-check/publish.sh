#!/usr/bin/env bash
# Publishes wdnaccel self-contained for linux-x64 into publish/linux-x64 (git-ignored), trimmed so that it travels to
# a GPU machine without .NET: ILGPU and ILGPU.Algorithms read kernel methods (ours and the base library's Math) by
# reflection and emit launchers at run time, so they, our two libraries and System.Private.CoreLib stay whole.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=publish/linux-x64
rm -rf "$out"
dotnet publish src/WdnAccel.Cli -c Release -r linux-x64 --self-contained true -o "$out" \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:TreatWarningsAsErrors=false -p:SuppressTrimAnalysisWarnings=true \
  -p:InvariantGlobalization=true -p:DebugType=none >/dev/null
du -sh "$out"
"$out/wdnaccel" devices
