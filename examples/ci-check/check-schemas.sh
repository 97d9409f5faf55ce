#!/usr/bin/env bash
# Pull-request gate: fails when a schema change under $SCHEMAS_DIR breaks compatibility with the same files
# on the base branch, and prints GitHub workflow annotations (::error file=...,line=...::) on the lines.
#
#   SCHEMAS_DIR  folder of .avsc/.proto files (default: schemas)
#   BASE_REF     git ref to compare with (default: origin/$GITHUB_BASE_REF, else origin/main)
#   LEVEL        NONE, BACKWARD, FORWARD, FULL or a _TRANSITIVE variant (default: BACKWARD)
#   KGEN         how to run kgen (default: npx kgen)
#
# Exit status is kgen's: 0 compatible, 1 breaking change, 2 bad input (unparsable schema, unknown ref...).
set -euo pipefail

SCHEMAS_DIR="${SCHEMAS_DIR:-schemas}"
BASE_REF="${BASE_REF:-origin/${GITHUB_BASE_REF:-main}}"
LEVEL="${LEVEL:-BACKWARD}"
read -r -a KGEN_CMD <<<"${KGEN:-npx kgen}"

echo "kgen check: ${SCHEMAS_DIR} against ${BASE_REF} at ${LEVEL}" >&2
status=0
"${KGEN_CMD[@]}" check --schemas "$SCHEMAS_DIR" --against "git:${BASE_REF}" --level "$LEVEL" --format github || status=$?
if [ "$status" -eq 1 ]; then
  echo "::error title=Breaking schema change::a schema in ${SCHEMAS_DIR} is not ${LEVEL}-compatible with ${BASE_REF}"
fi
exit "$status"
