#!/bin/sh
# kafka-storage.sh format -t <cluster id> -c <server.properties> [--ignore-formatted]
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
