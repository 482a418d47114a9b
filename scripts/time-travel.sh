#!/usr/bin/env bash
# The suite at hostile instants: libfaketime moves the clock of the whole process tree (Node,
# the keychain daemon, Chromium) and TZ moves its zone; STINT_TEST_NOW moves the instant the
# tests pick (tests/helpers/clock.ts) to the same place, so they run there too.
#
#   bash scripts/time-travel.sh full     the whole `npm test` at two instants (below)
#   bash scripts/time-travel.sh matrix   the date-sensitive Node suites, 7 days × 3 zones
#   bash scripts/time-travel.sh          both
#   bash scripts/time-travel.sh at ZONE 'YYYY-MM-DD HH:MM:SS' COMMAND…   one command at one instant
#
# Each run appends its counts to $STINT_TEST_TOTALS when set (.ci/run adds them up).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "time-travel: faketime is missing (apt-get install faketime; scripts/setup.sh installs it)" >&2
  exit 1
fi

# Runs COMMAND with the clock at local time WHEN in ZONE, flowing on from there. The clock is
# moved by an offset, not started at an instant ('@…'): with '@' every process libfaketime
# starts begins again at WHEN, so each CLI child a test spawns would find the wall clock set
# back by however long the test had run. (A clock set back is a case of its own, tested
# deterministically: tests/main/core/sync/engine.clockSetBack.test.ts.)
at() {
  local zone=$1 when=$2
  shift 2
  local target iso
  target=$(TZ=$zone date -d "$when" +%s)
  iso=$(date -u -d "@$target" +%Y-%m-%dT%H:%M:%SZ)
  echo
  echo "##### time travel: $when $zone ($iso): $*"
  # FAKETIME_FORCE_MONOTONIC_FIX=0: with libfaketime's fix for condition-variable waits on,
  # Chromium never finishes loading a page.
  TZ=$zone STINT_TEST_NOW=$iso FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 faketime -f "$(printf '%+ds' $((target - $(date +%s))))" "$@"
}

# The files whose behaviour depends on the date, the hour or the zone: sync cadences and day
# changes, tracked time per local day, the planner's weeks, the tray's "today", the demo's
# plan around now, the CLI's default week, date arithmetic and the renderer's time helpers.
MATRIX_FILES=(
  tests/common
  tests/renderer/lib
  tests/main/core/planner
  tests/main/core/sync/engine.budget.test.ts
  tests/main/core/sync/engine.changes.test.ts
  tests/main/core/sync/engine.ranges.test.ts
  tests/main/core/sync/ranges.test.ts
  tests/main/core/sync/tracked.test.ts
  tests/main/core/shell/controller.test.ts
  tests/main/core/shell/demo.test.ts
  tests/main/core/tray
  tests/main/core/cli/cli.test.ts
  tests/main/electron/shell.test.ts
)
# Three zones: a half-hour offset, the far side of the date line, and one west of UTC with DST.
MATRIX_ZONES=(Asia/Kolkata Pacific/Kiritimati America/Los_Angeles)
# Seven consecutive days, each at ten to midnight local time: every weekday's last minutes.
MATRIX_DAYS=(2027-01-04 2027-01-05 2027-01-06 2027-01-07 2027-01-08 2027-01-09 2027-01-10)

# Every run goes ahead whatever the one before did; the failures are listed at the end.
failures=()
run_at() {
  at "$@" || failures+=("$1 $2")
}

full() {
  # A Sunday, ten minutes before local midnight, in UTC−10: the day, the week and the UTC date
  # all turn over while the suite runs.
  run_at Pacific/Honolulu '2027-01-03 23:50:00' npm test
  # Europe's spring-forward night: at 02:00 the clocks jump to 03:00 while the suite runs.
  run_at Europe/Berlin '2027-03-28 01:50:00' npm test
}

matrix() {
  local zone day
  for zone in "${MATRIX_ZONES[@]}"; do
    for day in "${MATRIX_DAYS[@]}"; do
      run_at "$zone" "$day 23:50:00" node scripts/test.mjs --node-only "${MATRIX_FILES[@]}"
    done
  done
}

case "${1:-all}" in
  full) full ;;
  matrix) matrix ;;
  all) full; matrix ;;
  at) shift && at "$@" ;;
  *) echo "usage: $0 [full|matrix|all|at ZONE 'YYYY-MM-DD HH:MM:SS' COMMAND…]" >&2 && exit 2 ;;
esac

if ((${#failures[@]})); then
  echo
  echo "time-travel: failed at ${#failures[@]} instant(s):"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
