#!/usr/bin/env bash
# Regenerates the README's pictures, docs/images/*.svg, from qsched's own
# output:
#
#   bash docs/screenshots.sh
#
# It builds qsched, runs `qsched --demo` (the simulated platform) in a
# private tmux server at a fixed size, drives it with `tmux send-keys`,
# waits for each screen's text to appear, captures the screen with its
# colours (`tmux capture-pane -e`, kept as docs/images/NAME.ansi) and renders
# each capture to SVG with charmbracelet/freeze.
#
# Needs tmux and Go. FREEZE overrides the freeze command (default: the
# pinned version below, built through the module proxy); COLS and ROWS the
# size.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOTOOLCHAIN=local GOFLAGS=-buildvcs=false

FREEZE_VERSION=v0.2.2
COLS=${COLS:-100}
ROWS=${ROWS:-30}
out=docs/images

command -v tmux >/dev/null || { echo "screenshots.sh: tmux is needed" >&2; exit 1; }

tmp=$(mktemp -d)
sock="qsched-shots-$$"
tm() { tmux -L "$sock" "$@"; }
cleanup() {
  tm kill-server 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build qsched"
go build -o "$tmp/qsched" ./cmd/qsched

if [ -z "${FREEZE:-}" ]; then
  echo "== build freeze $FREEZE_VERSION"
  # `go run github.com/charmbracelet/freeze@VERSION` fails here: go looks
  # for a deprecation notice in the module's version list, which the
  # project's module proxy refuses. A throwaway module that requires the
  # pinned version builds the same program. It stays out of go.mod.
  mkdir "$tmp/freeze"
  (
    cd "$tmp/freeze"
    go mod init freezetool >/dev/null 2>&1
    go get "github.com/charmbracelet/freeze@$FREEZE_VERSION" 2>get.log || { cat get.log >&2; exit 1; }
    go build -o "$tmp/freeze/freeze" github.com/charmbracelet/freeze
  )
  FREEZE="$tmp/freeze/freeze"
fi

# Drafts and config go to the temporary directory, so that the pictures do
# not depend on (or change) the operator's own state.
mkdir -p "$tmp/state" "$tmp/config" "$out"
tm -f /dev/null new-session -d -s shots -x "$COLS" -y "$ROWS" \
  -e TERM=xterm-256color -e COLORTERM=truecolor -e NO_COLOR= \
  -e XDG_STATE_HOME="$tmp/state" -e XDG_CONFIG_HOME="$tmp/config" \
  "$tmp/qsched --demo; sleep 30"
tm set-option -t shots status off >/dev/null
tm resize-window -t shots -x "$COLS" -y "$ROWS" 2>/dev/null || true

# wait_for TEXT: poll the screen until TEXT shows (at most 30 s).
wait_for() {
  local i
  for i in $(seq 1 150); do
    if tm capture-pane -p -t shots | grep -qF -- "$1"; then
      return 0
    fi
    sleep 0.2
  done
  echo "screenshots.sh: timed out waiting for: $1" >&2
  tm capture-pane -p -t shots >&2
  exit 1
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
  local i
  for i in $(seq 1 150); do
    if ! tm capture-pane -p -t shots | grep -qF -- "$1"; then
      return 0
    fi
    sleep 0.2
  done
  echo "screenshots.sh: timed out waiting for this to go: $1" >&2
  exit 1
}

keys() { tm send-keys -t shots "$@"; }

# shot NAME: capture the screen with colours and render it.
shot() {
  sleep 0.3 # let the last frame finish drawing
  tm capture-pane -e -p -t shots >"$out/$1.ansi"
  # freeze ignores reverse video (SGR 7), which marks the cursor row: spell
  # it as light-grey background and dark text.
  sed $'s/\x1b\\[7m/\x1b[38;2;23;23;23m\x1b[48;2;221;221;221m/g' "$out/$1.ansi" |
    $FREEZE --language ansi --window --padding 20 --margin 0 \
      --output "$out/$1.svg" >/dev/null
  echo "   $out/$1.svg"
}

# field LABEL: wait until the form's focus (the ┃ bar) is on LABEL. huh
# moves the focus asynchronously, so keys typed before it arrives would
# land in the previous field.
field() { wait_for "┃ $1"; }

# new_schedule TITLE DESCRIPTION SCRIPT_DOWNS TYPE_DOWNS [SHOT]: builds a
# script schedule in the builder: the SCRIPT_DOWNS-th script of the picker and schedule
# type (0 = the first: One-time; 2 = Daily), starting tomorrow, ending in
# 30 days; takes the SHOT pictures of the form and the review on the way,
# then submits it.
new_schedule() {
  local i
  keys n
  field "Title"
  keys -l "$1"
  wait_for "> $1"
  keys Enter
  field "Description"
  keys -l "$2"
  wait_for "> $2"
  [ -n "${5:-}" ] && shot "$5"
  keys Enter
  field "Activate now?"
  keys Enter
  field "User id"
  keys Enter
  field "User name"
  keys Enter
  field "Script id"
  keys C-f # the script picker: the platform's scripts
  wait_for "25 scripts"
  keys Down
  for ((i = 0; i < $3; i++)); do keys Down; done
  sleep 0.2
  keys Enter
  field "Script id"
  keys Enter
  field "Script title"
  keys Enter
  field "Parameters"
  keys Enter
  field "Assets"
  keys -l "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f 1042"
  keys Enter
  field "Asset tags"
  keys Enter
  field "Excluded assets"
  keys Enter
  field "Require all tags?"
  keys Enter
  field "Schedule type"
  for ((i = 0; i < $4; i++)); do keys j; done
  sleep 0.2
  keys Enter
  field "Start date"
  keys Enter
  field "Start time"
  keys Enter
  if [ "$4" != 0 ]; then
    field "End date"
    keys C-u
    keys -l "$(date -u -d '+30 days' +%F)"
    keys Enter
  fi
  field "Reboot after"
  keys Enter
  field "Bypass the execution policy?"
  keys Enter
  field "Share results with FIM?"
  keys Enter
  wait_for "Title check: ✓"
  [ -n "${5:-}" ] && shot "$5-review"
  keys s
  wait_for "Create the script schedule"
  sleep 0.5 # a confirmation ignores keys for its first 400 ms
  keys y
  wait_for "Created script schedule"
  keys Enter
  wait_for "Created \"$1\""
}

echo "== capture"
# 1: script schedules; the demo platform seeds 12, and two more are
# built first, which also gives the builder's pictures.
wait_for "Script schedules · 12 schedules"
new_schedule "Nightly inventory" "Collect installed patches on the build agents" 1 2 builder
new_schedule "Emergency agent restart" "One-off restart after the agent upgrade" 2 0
shot scripts

# 2: WAS schedules, once every page is loaded.
keys 2
wait_for "WAS schedules · "
wait_gone "loading"
shot was

# A bulk deactivate confirmation: mark three schedules, then d.
keys Space j Space j Space
wait_for "3 selected"
keys d
wait_for "Type y to deactivate"
shot was-deactivate
sleep 0.5 # a confirmation ignores keys for its first 400 ms
keys n # nothing is sent
wait_for "Cancelled: nothing was sent."

# @: the API log.
keys @
wait_for "API log — "
shot apilog

keys C-c
sleep 0.5
if tm capture-pane -p -t shots 2>/dev/null | grep -qF "Quit?"; then keys y; fi
echo "done: $(ls "$out"/*.svg | wc -l) pictures in $out"
