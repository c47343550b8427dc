#!/usr/bin/env bash
# Installs the third-party SCIM client used by the SCIM conformance test (python-scim's scim2-client,
# scim2-models and scim2-tester, pinned in requirements.txt) into a venv at .cache/scim-client.
# Idempotent: an existing venv with the same requirements is kept.
#
#   scripts/scim/install.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
VENV="$ROOT/.cache/scim-client"
REQ="$ROOT/scripts/scim/requirements.txt"
STAMP="$VENV/.requirements"
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && cmp -s "$REQ" "$STAMP"; then
  echo "scim client: up to date in $VENV"
  exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQ"
cp "$REQ" "$STAMP"
echo "scim client: installed in $VENV"
