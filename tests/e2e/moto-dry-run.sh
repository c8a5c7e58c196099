#!/usr/bin/env bash
# A local ECR for a dry run of ecr-scan: starts moto's server in the
# background on 127.0.0.1 (port $MOTO_PORT, default 5000), creates the
# repository `team/app` and pushes an image tagged `v1` into it, then prints
# the commands that scan it. moto answers like ECR: the scan is IN_PROGRESS,
# then COMPLETE with one HIGH finding (CVE-9999-9999).
#
#   bash tests/e2e/moto-dry-run.sh          # install moto if needed, start, seed
#   bash tests/e2e/moto-dry-run.sh stop     # stop the server this script started
#
# moto is installed by setup-moto.sh into target/moto-venv (Python 3 with
# venv and PyPI access; about a minute the first time). Seeding uses boto3,
# which moto brings. moto checks no signatures here, so any credentials do;
# the printed commands use the dummy pair `testing`/`testing`. Each run
# resets moto first, so the image is unscanned again. The server's PID and
# log are in target/moto-dry-run/.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="$root/target/moto-dry-run"
pidfile="$state/moto.pid"
port="${MOTO_PORT:-5000}"
url="http://127.0.0.1:$port"

running_pid() {
    [[ -f "$pidfile" ]] || return 1
    local pid
    pid="$(cat "$pidfile")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

if [[ "${1:-start}" == "stop" ]]; then
    if pid="$(running_pid)"; then
        kill "$pid"
        echo "moto-dry-run: stopped moto (pid $pid)" >&2
    else
        echo "moto-dry-run: no moto started by this script is running" >&2
    fi
    rm -f "$pidfile"
    exit 0
fi
if [[ "${1:-start}" != "start" ]]; then
    echo "usage: bash tests/e2e/moto-dry-run.sh [start|stop]" >&2
    exit 2
fi

server="$(bash "$root/tests/e2e/setup-moto.sh")"
python="$(dirname "$server")/python"
mkdir -p "$state"

if pid="$(running_pid)"; then
    echo "moto-dry-run: moto is already running (pid $pid); seeding it again" >&2
else
    echo "moto-dry-run: starting moto on $url (log: $state/moto.log)" >&2
    "$server" -H 127.0.0.1 -p "$port" >"$state/moto.log" 2>&1 &
    echo $! >"$pidfile"
fi

# Wait until it answers (moto takes a few seconds to import its services).
for _ in $(seq 1 100); do
    if "$python" - "$url" <<'PY' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=1)
PY
    if ! running_pid >/dev/null; then
        echo "moto-dry-run: moto exited; its log:" >&2
        cat "$state/moto.log" >&2
        exit 1
    fi
    sleep 0.2
done

echo "moto-dry-run: resetting moto, creating team/app and pushing team/app:v1" >&2
"$python" - "$url" <<'PY'
import json, sys, urllib.request
import boto3

# A fresh state on every run: the image is unscanned again.
urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/moto-api/reset", method="POST"), timeout=10)

ecr = boto3.client(
    "ecr",
    endpoint_url=sys.argv[1],
    region_name="us-east-1",
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
try:
    ecr.create_repository(repositoryName="team/app")
except ecr.exceptions.RepositoryAlreadyExistsException:
    pass
digest = lambda c: "sha256:" + c * 64
manifest = {
    "schemaVersion": 2,
    "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
    "config": {
        "mediaType": "application/vnd.docker.container.image.v1+json",
        "size": 1470,
        "digest": digest("c"),
    },
    "layers": [{
        "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
        "size": 977,
        "digest": digest("a"),
    }],
}
try:
    pushed = ecr.put_image(repositoryName="team/app", imageManifest=json.dumps(manifest), imageTag="v1")
    print("moto-dry-run: pushed", pushed["image"]["imageId"]["imageDigest"], file=sys.stderr)
except ecr.exceptions.ImageAlreadyExistsException:
    print("moto-dry-run: team/app:v1 is there already", file=sys.stderr)
PY

cat >&2 <<EOF
moto-dry-run: ready. Scan the image with:

  export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
  cargo run --release -p ecr-scan -- team/app:v1 --endpoint-url $url --region us-east-1

moto allows one scan per image per day, like ECR: a second scan reports the
quota and the first scan's results (run this script again for a fresh
image). Stop the server with:

  bash tests/e2e/moto-dry-run.sh stop
EOF
