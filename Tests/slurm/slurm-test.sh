#!/usr/bin/env bash
# Runs a takeoff Monte Carlo study on a real single-node Slurm cluster started here, and checks
# that the merged files equal a single-process run byte for byte; then reruns one shard alone
# (as after a failure) and checks again. Installs slurm-wlm and munge when missing (apt-get, as
# root or with sudo); stops the daemons it started. Usage: Tests/slurm/slurm-test.sh [takeoff binary]
# Configuration after docs/slurm-local.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
TAKEOFF="$(realpath "${1:-.build/debug/takeoff}")"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
RUNS="${RUNS:-2000}"; SHARDS="${SHARDS:-4}"; SEED=7

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    echo "installing slurm-wlm and munge..."
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

WORK="$(mktemp -d /tmp/takeoff-slurm.XXXXXX)"
PIDS=()
cleanup() {
    for f in "$WORK/slurmd.pid" "$WORK/slurmctld.pid"; do
        [ -f "$f" ] || continue
        pid="$(cat "$f")"
        $SUDO kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        $SUDO kill -9 "$pid" 2>/dev/null || true
    done
    [ -n "${MUNGE_STARTED:-}" ] && $SUDO pkill -x munged 2>/dev/null || true
    echo "stopped the daemons (work folder $WORK)"
}
trap cleanup EXIT

# munge: a key, then the daemon as the munge user.
if [ ! -f /etc/munge/munge.key ]; then
    $SUDO dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    $SUDO chown munge:munge /etc/munge/munge.key; $SUDO chmod 400 /etc/munge/munge.key
fi
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    $SUDO mkdir -p /run/munge; $SUDO chown munge:munge /run/munge
    $SUDO su -s /bin/sh munge -c /usr/sbin/munged; MUNGE_STARTED=1
    sleep 1
fi

HOST="$(hostname -s)"; CPUS="$(nproc)"
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
mkdir -p "$WORK/spool" "$WORK/state"
cat > "$WORK/slurm.conf" <<CONF
ClusterName=takeofftest
SlurmctldHost=$HOST
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmdSpoolDir=$WORK/spool
StateSaveLocation=$WORK/state
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
SlurmUser=root
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$WORK/slurm.conf"
$SUDO env SLURM_CONF="$SLURM_CONF" slurmctld
$SUDO env SLURM_CONF="$SLURM_CONF" slurmd
for _ in $(seq 1 30); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo

wait_for() {   # a job id: wait until it has left the queue
    for _ in $(seq 1 600); do squeue -h -j "$1" 2>/dev/null | grep -q . || return 0; sleep 1; done
    echo "job $1 did not finish in 10 minutes" >&2; return 1
}

STUDY="$WORK/study"
"$TAKEOFF" cluster slurm Models/feedback-uncertainty.toml --runs $RUNS --shards $SHARDS --seed $SEED --output "$STUDY" --submit | tee "$WORK/submit.txt"
MERGE_ID=$(awk '{for (i = 1; i <= NF; i++) if ($i == "merge" && $(i+1) == "job") print $(i+2)}' "$WORK/submit.txt")
wait_for "$MERGE_ID"
# The same scenario path as the batch script (absolute), so meta.json records the same file.
"$TAKEOFF" sample "$(realpath Models/feedback-uncertainty.toml)" --runs $RUNS --seed $SEED --output "$WORK/single" --quiet
for f in runs.csv summary.csv failures.csv meta.json; do
    cmp "$STUDY/$f" "$WORK/single/$f" || { echo "FAIL: merged $f differs from a single run"; exit 1; }
done
echo "merged study equals the single run byte for byte"
if [ -n "${KEEP:-}" ]; then cp -r "$STUDY" "$KEEP"; for s in "$STUDY"/shard-*; do echo "$(basename "$s"): $(grep -h seconds "$s/timing.json")"; done; fi

# A failed shard, rerun alone: shard 3 of 4 is task id 2.
rm -rf "$STUDY/shard-3-of-$SHARDS" "$STUDY/runs.csv" "$STUDY/summary.csv"
if "$TAKEOFF" merge "$STUDY" --output "$WORK/partial" 2>"$WORK/refused.txt"; then echo "FAIL: merge accepted a missing shard"; exit 1; fi
grep -q "missing shard" "$WORK/refused.txt" && echo "merge refused the missing shard: $(cat "$WORK/refused.txt")"
RERUN=$(sbatch --parsable --array=2 "$STUDY/slurm/sample.sbatch")
wait_for "$RERUN"
"$TAKEOFF" merge "$STUDY" --output "$STUDY"
for f in runs.csv summary.csv; do
    cmp "$STUDY/$f" "$WORK/single/$f" || { echo "FAIL: $f differs after rerunning a shard"; exit 1; }
done
echo "after rerunning shard 3 alone the merge equals the single run: slurm test passed"
