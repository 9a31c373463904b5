#!/usr/bin/env bash
# Adversarial-input benchmark (issue 6): each hostile document at 1x and 10x its base size,
# whole pipeline and every output format; prints time and peak-memory ratios (10 = linear).
# Usage: scripts/robust-bench.sh [KIND...]   (default: every kind)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example adversarial
bin=target/release/examples/adversarial
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(ranges digits brackets shares line)
printf '%-9s %10s %10s %8s %9s %9s %8s\n' kind "t(1x) s" "t(10x) s" "t ratio" "MB(1x)" "MB(10x)" "mem ratio"
for k in "${kinds[@]}"; do
  read -r t1 m1 < <( { /usr/bin/time -f '%e %M' "$bin" "$k" 1 >/dev/null; } 2>&1 | tail -n1)
  read -r t10 m10 < <( { /usr/bin/time -f '%e %M' "$bin" "$k" 10 >/dev/null; } 2>&1 | tail -n1)
  awk -v k="$k" -v t1="$t1" -v t10="$t10" -v m1="$m1" -v m10="$m10" 'BEGIN {
    printf "%-9s %10.2f %10.2f %8.1f %9.1f %9.1f %8.1f\n", k, t1, t10, (t1 > 0 ? t10 / t1 : 0),
      m1 / 1024, m10 / 1024, m10 / m1 }'
done
