#!/usr/bin/env bash
# `npm run setup:system`: installs the system tools greenlight's full test suite uses,
# the same way on a developer's machine and in CI (.ci/run). On Debian and Ubuntu it
# runs apt-get (as root, or through `sudo -n`); elsewhere, or without root, it prints
# what to install and exits 1. Quiet, and exit 0, when everything is there already.
#
#   tool            package          used by
#   bwrap           bubblewrap       the sandbox (and the demo's sandboxed run)
#   pytest          python3-pytest   the pytest runner tests (/usr/bin/python3 -m pytest)
#   redis-server    redis-server     the App's shared-state tests
#   chromium        chromium         the browser tests
#   script          bsdutils         the CLI's live status line on a pseudo-terminal
#   git             git              everything
#   cargo           cargo            the cargo runner tests; only when no cargo exists (rustup's counts)
set -euo pipefail

missing=()
have() { command -v "$1" >/dev/null 2>&1; }

have bwrap || missing+=(bubblewrap)
/usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || missing+=(python3-pytest)
have redis-server || missing+=(redis-server)
have chromium || missing+=(chromium)
have script || missing+=(bsdutils)
have git || missing+=(git)
have cargo || [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ] || missing+=(cargo)

[ "${#missing[@]}" -eq 0 ] && exit 0

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if ! have apt-get; then
  echo "setup:system: no apt-get here; install these packages (Debian names) with your package manager: ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif have sudo && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "setup:system: installing needs root; run: sudo apt-get update && sudo $command_line" >&2
  exit 1
fi

echo "setup:system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup:system: installed ${missing[*]}"
