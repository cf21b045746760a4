#!/usr/bin/env bash
# The pre-commit hook on one changed .tf in terraform-aws-eks (target: under 0.5 s wall).
#
#   bash benchmarks/bench_hook.sh [GDCC_AUDIT] [CORPUS_FOLDER] [FILE...]
#
# hyperfine (warm-up 2, 10 runs) for each file, then one /usr/bin/time -v run for peak memory.
# The hook is run from the module's repository root, as pre-commit does.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gdcc="${1:-$here/.venv/bin/gdcc-audit}"
repo="${2:-$here/../shared/corpus/terraform-aws-eks}"
shift $(( $# > 2 ? 2 : $# ))
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=(main.tf modules/karpenter/main.tf modules/eks-managed-node-group/main.tf)
fi
cd "$repo"
for file in "${files[@]}"; do
  hyperfine --warmup 2 --runs 10 -i -N --export-json "/tmp/bench-hook-$(echo "$file" | tr / _).json" \
    "$gdcc hook $file"
  /usr/bin/time -v "$gdcc" hook "$file" 2>&1 >/dev/null \
    | grep -E "Elapsed \(wall|Maximum resident" | sed "s|^|  $file: |"
done
# Reference points on the same machine and run: start-up alone, and a full scan of the repo.
hyperfine --warmup 1 --runs 5 -i -N "$gdcc --version" "$gdcc hook"
