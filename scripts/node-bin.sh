#!/usr/bin/env bash
# Prints a directory holding a `node` of the given major version (22, 24, ...), for `PATH="$dir:$PATH"`.
# The machine's own node when it already is that major; otherwise the `node` package of that major from the
# npm registry (it ships the official binary), fetched once into npx's cache. Progress goes to stderr.
set -euo pipefail
major="${1:?usage: node-bin.sh MAJOR}"
if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  dirname "$(command -v node)"
  exit 0
fi
# Run from an empty directory so npx cannot pick up this project's own dependencies or `node` bin.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
dir="$(cd "$scratch" && npx --yes --package "node@${major}" -- node -p 'process.versions.node.split(".")[0] + " " + require("path").dirname(process.execPath)' | tail -n 1)"
got="${dir%% *}"
dir="${dir#* }"
if [ "$got" != "$major" ] || [ ! -x "$dir/node" ]; then
  echo "node-bin.sh: could not get Node ${major} from the npm registry (got \"${got}\" in \"${dir}\")" >&2
  exit 1
fi
echo "$dir"
