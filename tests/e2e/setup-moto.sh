#!/usr/bin/env bash
# Installs moto's standalone server (a fake AWS: ECR, IAM, EKS, Lambda, ...)
# into a cached virtualenv at target/moto-venv for the end-to-end tests
# (crates/ecr-scan/tests/moto.rs; support code in tests/e2e/support/), then
# prints the path of `moto_server`.
#
# Idempotent: a stamp file records the pinned requirement, so a second run with
# the same pin does no network access and returns at once. Progress goes to
# stderr; stdout carries only the path, so `server=$(bash setup-moto.sh)` works.
set -euo pipefail

# Pinned so that the behaviour the test asserts (status codes, error codes, the
# one-scan-per-image rule) does not change under it. Bump deliberately.
readonly MOTO_REQUIREMENT="moto[server]==5.2.5"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/target/moto-venv"
stamp="$venv/.installed-requirement"
server="$venv/bin/moto_server"

if [[ -x "$server" && -f "$stamp" && "$(cat "$stamp")" == "$MOTO_REQUIREMENT" ]]; then
    echo "$server"
    exit 0
fi

python="${PYTHON:-python3}"
if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup-moto: $python was not found; install Python 3 (with the venv module) or set PYTHON" >&2
    exit 1
fi

echo "setup-moto: creating $venv with $("$python" --version 2>&1)" >&2
rm -rf "$venv"
mkdir -p "$root/target"
if ! "$python" -m venv "$venv" >&2; then
    echo "setup-moto: '$python -m venv' failed; on Debian install the python3-venv package" >&2
    exit 1
fi
echo "setup-moto: installing $MOTO_REQUIREMENT" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$MOTO_REQUIREMENT" >&2

if [[ ! -x "$server" ]]; then
    echo "setup-moto: $MOTO_REQUIREMENT installed but $server is missing" >&2
    exit 1
fi
printf '%s\n' "$MOTO_REQUIREMENT" >"$stamp"
echo "$server"
