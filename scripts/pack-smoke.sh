#!/usr/bin/env bash
# Proves the published package works on its own: `npm pack`, install the tarball into an empty
# directory, then run `rootsweep --help` and `rootsweep demo` from there, on the `node` first on PATH
# (.ci/run calls it once with Node 22 and once with Node 24 first).
set -euo pipefail
version="$(node --version)"
echo "pack smoke: node ${version} ($(command -v node))"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "./$tarball" >/dev/null
npx --no-install rootsweep --help | grep -q "rootsweep" || { echo "pack smoke: rootsweep --help failed" >&2; exit 1; }
NO_COLOR=1 npx --no-install rootsweep demo --dir demo-out >demo.log 2>&1 || { cat demo.log >&2; echo "pack smoke: rootsweep demo failed" >&2; exit 1; }
test -s demo-out/report.html || { echo "pack smoke: the demo wrote no HTML report" >&2; exit 1; }
echo "pack smoke: ${tarball} installs in an empty directory; rootsweep --help and rootsweep demo work on node ${version}"
