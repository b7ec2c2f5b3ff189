#!/bin/sh
# kafka-run-class.sh as the harness needs it: the JVM options Kafka's own script reads from the
# environment (heap, performance, log4j, KAFKA_OPTS), the jars of /opt/kafka/libs, then the class.
set -e
[ "$#" -ge 1 ] || { echo "usage: kafka-run-class.sh <class> [args]" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# shellcheck disable=SC2086 — the options are word lists, as in Kafka's own script
exec "$JAVA" ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_LOG4J_OPTS:-} ${KAFKA_OPTS:-} \
  -cp "/opt/kafka/libs/*" "$@"
