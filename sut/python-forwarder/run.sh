#!/bin/sh
# Starts the Python reference forwarder; name this file as the SUT's "command" in
# kafka-chaos.config.json. The harness gives a SUT only a small allowlist of the runner's
# environment (PATH, HOME, …), so say which Python to use in the SUT's "env":
#   KAFKA_CHAOS_PYTHON  a venv's python (…/bin/python) or the venv folder itself, with
#                       requirements.txt installed; default: python3 on PATH.
# A relative path is relative to the config file's folder, where the harness starts the SUT.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python=${KAFKA_CHAOS_PYTHON:-python3}
[ -d "$python" ] && python=$python/bin/python
# Fail at start with the fix, not later with a traceback: the harness shows these last lines.
if ! "$python" -c 'import confluent_kafka' 2>/dev/null; then
  echo "python-forwarder: $python cannot import confluent_kafka — fix: python3 -m venv VENV &&" \
    "VENV/bin/pip install -r $here/requirements.txt, then set KAFKA_CHAOS_PYTHON=VENV/bin/python in the SUT's env" >&2
  exit 2
fi
# exec: Python must be the process the harness signals (SIGTERM, SIGKILL, SIGSTOP) and whose
# exit code it reads, not a shell waiting for it.
exec "$python" "$here/forwarder.py"
