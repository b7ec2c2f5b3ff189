#!/bin/sh
# kafka-server-start.sh <server.properties>: a broker/controller in the foreground.
[ "$#" -ge 1 ] || { echo "usage: kafka-server-start.sh <server.properties>" >&2; exit 2; }
exec "$(dirname "$0")/kafka-run-class.sh" kafka.Kafka "$@"
