#!/usr/bin/env bash
# Runs inside xvfb-run and dbus-run-session (see vigie-dev test): starts a
# throw-away, unlocked gnome-keyring, then the whole test suite.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
builddir=$1

scratch=$(mktemp -d -t vigie-test-XXXXXX)
export XDG_RUNTIME_DIR=$scratch/runtime
export XDG_DATA_HOME=$scratch/data
export XDG_CONFIG_HOME=$scratch/config
export XDG_CACHE_HOME=$scratch/cache
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

# The keyring must be in the foreground to die with this script; --unlock
# creates the login keyring with this password
printf %s vigie-test-password | gnome-keyring-daemon --foreground --unlock \
  --components=secrets >"$scratch/keyring.log" 2>&1 &
keyring_pid=$!
for _ in $(seq 100); do
  [ -S "$XDG_RUNTIME_DIR/keyring/control" ] && break
  sleep 0.1
done

cleanup () {
  kill "$keyring_pid" 2>/dev/null
  wait "$keyring_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT

# With these set, a test that cannot find its display or keyring fails
# instead of skipping
export VIGIE_REQUIRE_DISPLAY=1
export VIGIE_REQUIRE_KEYRING=1

meson test -C "$builddir" --print-errorlogs --num-processes 2
