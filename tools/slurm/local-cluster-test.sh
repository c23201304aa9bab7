#!/usr/bin/env bash
# Runs tools/slurm/wdnaccel-array.sbatch as a 4-task job array on a throwaway single-node Slurm cluster on this
# machine, merges the 4 shard folders with `batch merge` and checks the merged results.msgpack equals an unsharded
# run of the same batch record for record (timings dropped). Everything it starts is private to it: its own munged
# (own key and socket), slurmctld and slurmd on free ports, all state under one temporary folder, SLURM_CONF pointing
# there; /etc/slurm and /etc/munge are not touched. Every daemon is stopped on exit, whatever happens.
#
# Needs root (slurmd runs jobs as any user; munged is started as the munge user). Installs slurmctld, slurmd,
# slurm-client, munge and python3-msgpack with apt only when missing; builds wdnaccel only when absent.
# KEEP=1 keeps the temporary folder (it is always kept, and its logs shown, on failure).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

say() { echo "slurm local-cluster test: $*"; }
die() { say "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (slurmd and munged need it)"

# Debian's python3 (the one python3-msgpack installs into), not whatever python3 comes first on PATH.
py=/usr/bin/python3

# --- Dependencies, only when missing ----------------------------------------------------------------------------
need=()
command -v slurmctld >/dev/null || need+=(slurmctld)
command -v slurmd >/dev/null || need+=(slurmd)
command -v sbatch >/dev/null || need+=(slurm-client)
command -v munged >/dev/null || need+=(munge)
"$py" -c 'import msgpack' 2>/dev/null || need+=(python3-msgpack)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

wdnaccel=$root/src/WdnAccel.Cli/bin/Release/net10.0/wdnaccel
if [ ! -x "$wdnaccel" ]; then
  say "building wdnaccel"
  dotnet build src/WdnAccel.Cli -c Release -v q >/dev/null
fi

# --- Teardown ---------------------------------------------------------------------------------------------------
tmp=$(mktemp -d /tmp/wdnaccel-slurm.XXXXXX)
pids=()   # daemons in start order; stopped in reverse
stop_pid() {  # TERM, up to 10 s to exit, then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  if [ -n "${ctld_up:-}" ]; then
    # Jobs still queued or running (a failure or timeout above) would leave slurmstepd and wdnaccel behind
    # once slurmd is gone: cancel them on our private cluster and give them a moment to end.
    scancel --quiet --full $(squeue -h -o %A 2>/dev/null | sort -u) 2>/dev/null || true
    for i in $(seq 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop_pid "${pids[i]}"; done
  if [ "$rc" -ne 0 ]; then
    for f in "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/munged.out "$tmp"/slurmctld.out "$tmp"/slurmd.out "$tmp"/logs/*.log; do
      [ -s "$f" ] && { echo "--- tail of $f"; tail -n 15 "$f"; }
    done
    say "kept $tmp for inspection" >&2
  elif [ -z "${KEEP:-}" ]; then
    rm -rf "$tmp"
  else
    say "kept $tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start=$SECONDS
# The munge user must reach $tmp/munge; munged refuses key and socket directories others can write.
chmod 755 "$tmp"
mkdir -p "$tmp"/{state,spool,logs,out}

# --- munged, private key and socket -------------------------------------------------------------------------------
# Key, seed and log in a private directory; the socket in one everybody can traverse (munged insists on both).
install -d -o munge -g munge -m 700 "$tmp/munge"
install -d -o munge -g munge -m 755 "$tmp/munge-run"
sock=$tmp/munge-run/munge.socket
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chown munge:munge "$tmp/munge/munge.key"
chmod 600 "$tmp/munge/munge.key"
# setpriv execs munged itself, so $! is munged's PID (runuser/su would stay in between).
setpriv --reuid=munge --regid=munge --init-groups \
  munged --foreground --socket="$sock" --key-file="$tmp/munge/munge.key" --pid-file="$tmp/munge/munged.pid" \
  --seed-file="$tmp/munge/munged.seed" --log-file="$tmp/munge/munged.log" >"$tmp/munged.out" 2>&1 &
pids+=($!)
for i in $(seq 50); do
  munge -S "$sock" -n 2>/dev/null | unmunge -S "$sock" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || die "munged exited (see $tmp/munged.out)"
  [ "$i" -eq 50 ] && die "munged did not come up"
  sleep 0.2
done

# --- Slurm config ---------------------------------------------------------------------------------------------
# Two free TCP ports (bound then released) so a real or leftover Slurm on 6817/6818 cannot interfere.
read -r ctld_port slurmd_port < <("$py" -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in ss))')
cpus=$(nproc)
mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
export SLURM_CONF=$tmp/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=wdnaccel-local
# localhost + 127.0.0.1 everywhere: no dependence on the machine's hostname or DNS.
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
# No usable cgroups in containers and CI machines: track processes by parent PID, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
# Schedule CPUs (not whole nodes), so 1-CPU tasks share the node; start jobs at once instead of batching.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

# --- slurmctld and slurmd in the foreground of background jobs, so we hold their PIDs -----------------------------
slurmctld -D -i >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
ctld_up=1
for i in $(seq 100); do
  scontrol ping 2>/dev/null | grep -q UP && break
  kill -0 "${pids[-1]}" 2>/dev/null || die "slurmctld exited (see $tmp/slurmctld.log)"
  [ "$i" -eq 100 ] && die "slurmctld did not answer within 20 s"
  sleep 0.2
done
slurmd -D -N localhost >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
for i in $(seq 100); do
  state=$(sinfo -h -n localhost -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  kill -0 "${pids[-1]}" 2>/dev/null || die "slurmd exited (see $tmp/slurmd.log)"
  [ "$i" -eq 100 ] && die "node not idle within 20 s (state '$state')"
  sleep 0.2
done
say "cluster up in $((SECONDS - start)) s ($cpus CPUs, ports $ctld_port/$slurmd_port)"

# --- The array, then merge -------------------------------------------------------------------------------------
input=$root/data/scenarios   # absolute and identical for both runs: error messages in records quote it
opts=(--evaluations 2000 --backend simd --threads 1)
# --wait: sbatch returns when every task has ended, with the highest task exit code. The batch exits 3 when some
# jobs are infeasible or fail (HAN with 2000 evaluations, the allocation-only scenario): both 0 and 3 are fine.
set +e
timeout 180 sbatch --wait --quiet --array=0-3 --cpus-per-task=1 --chdir="$tmp" --output="$tmp/logs/task-%a.log" \
  --export="ALL,WDNACCEL=$wdnaccel,INPUT=$input,OUT=$tmp/out,JOB=optimize,EXTRA=${opts[*]}" \
  tools/slurm/wdnaccel-array.sbatch
rc=$?
set -e
case $rc in
  0 | 3) ;;
  124) die "the array did not finish within 180 s" ;;
  *) die "the array failed: sbatch --wait exit $rc (task logs in $tmp/logs)" ;;
esac
say "array done at $((SECONDS - start)) s"

shards=()
for k in 0 1 2 3; do
  [ -f "$tmp/out/shard-$k/results.msgpack" ] || die "shard $k wrote no results.msgpack"
  shards+=("$tmp/out/shard-$k")
done
set +e
"$wdnaccel" batch merge "${shards[@]}" --out "$tmp/merged" >"$tmp/merge.out" 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$tmp/merge.out"; die "batch merge exit $rc"; }

# --- The same batch unsharded, outside Slurm (no array variables may leak in) -------------------------------------
set +e
env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_MIN -u SLURM_ARRAY_TASK_COUNT -u SLURM_ARRAY_JOB_ID \
  "$wdnaccel" batch "$input" --out "$tmp/whole" --job optimize "${opts[@]}" >"$tmp/whole.out" 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || { cat "$tmp/whole.out"; die "unsharded batch exit $rc"; }

# --- Record-for-record comparison without timings -----------------------------------------------------------------
"$py" - "$tmp/merged/results.msgpack" "$tmp/whole/results.msgpack" <<'EOF' || die "merged shards differ from the unsharded run"
import sys, msgpack

def records(path):
    with open(path, "rb") as f:
        # Timings differ between runs (BatchRecord.Timing); everything else must not.
        return [{k: v for k, v in r.items() if k not in ("seconds", "evaluations_per_second")} for r in msgpack.Unpacker(f, raw=False)]

merged, whole = records(sys.argv[1]), records(sys.argv[2])
if not whole:
    sys.exit("the unsharded run has no records")
if len(merged) != len(whole):
    sys.exit(f"{len(merged)} merged records, {len(whole)} unsharded")
for i, (m, w) in enumerate(zip(merged, whole)):
    if m != w:
        keys = sorted(k for k in m.keys() | w.keys() if m.get(k) != w.get(k))
        sys.exit(f"record {i} ({w.get('job')}) differs in {keys}: merged {[m.get(k) for k in keys]}, "
                 f"unsharded {[w.get(k) for k in keys]}")
print(f"{len(whole)} records equal")
EOF
say "ok: 4 shards merged equal the unsharded batch ($((SECONDS - start)) s)"
