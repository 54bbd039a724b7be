# Sourced by packaging/*.sh: `stage NAME COMMAND...` runs COMMAND and prints how long it took;
# `stages_summary` prints every stage's time at the end. A failing stage stops the script
# (after printing its time) with the command's exit status.
KT_STAGES=()
stage() {
  local name=$1 start status
  shift
  start=$(date +%s)
  echo "== stage $name"
  set +e
  "$@"
  status=$?
  set -e
  local took=$(($(date +%s) - start))
  KT_STAGES+=("$(printf '%-28s %4d min %02d s' "$name" $((took / 60)) $((took % 60)))")
  echo "== stage $name: $((took / 60)) min $((took % 60)) s (exit $status)"
  if [ "$status" -ne 0 ]; then
    stages_summary
    exit "$status"
  fi
}
stages_summary() {
  echo "== time per stage"
  printf '   %s\n' "${KT_STAGES[@]}"
}
