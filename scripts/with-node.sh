#!/usr/bin/env bash
# Runs a command with a pinned Node.js first on PATH (scripts/pinned-node.mjs installs it on first use):
#   scripts/with-node.sh 22 npx jest test/cli test/e2e
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/with-node.sh MAJOR COMMAND [ARG...]" >&2; exit 2; }
major=$1
shift
bin=$(node "$(dirname "$0")/pinned-node.mjs" install "$major")
PATH="$bin:$PATH" exec "$@"
