#!/usr/bin/env bash
# Instructions per solve (callgrind), start-up subtracted: (I(220 solves) − I(20 solves)) / 200, for
# the C baseline and takeoff-bench, rk8pd and rkf45. Instruction counts are stable on a noisy
# machine where timings are not. Needs valgrind; run after `make bench` has built both programs.
set -euo pipefail
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'; }
for stepper in rk8pd rkf45; do
    for program in .build/c_baseline .build/release/takeoff-bench; do
        small=$(count "$program" 20 "$stepper"); large=$(count "$program" 220 "$stepper")
        echo "$program $stepper: $(( (large - small) / 200 )) instructions per solve"
    done
done
