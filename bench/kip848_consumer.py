"""A real KIP-848 ("consumer" protocol) group for bench/capture-consumer-protocol.ts.

    python kip848_consumer.py BOOTSTRAP TOPIC GROUP

One consumer joins GROUP with group.protocol=consumer and waits for its assignment, commits one
offset, then a second consumer joins (the coordinator bumps the group epoch and splits the
partitions), the second closes (the first gets every partition back) and then the first closes.
Every wait is bounded; one JSON line per step on stdout says what was seen.
"""

import json
import sys
import time

from confluent_kafka import Consumer, TopicPartition

STEP_TIMEOUT_S = 60.0
POLL_S = 0.2


def log(step, **fields):
    print(json.dumps({"step": step, **fields}), flush=True)


def consumer(bootstrap, group, name):
    config = {
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "group.protocol": "consumer",
        "client.id": name,
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
    }
    return Consumer(config)


def partitions_of(c):
    return sorted(tp.partition for tp in c.assignment())


def poll_until(consumers, done, what):
    """Polls every consumer (their callbacks and heartbeats) until done() or the timeout."""
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while time.monotonic() < deadline:
        for c in consumers:
            c.poll(POLL_S)
        if done():
            return
    raise SystemExit(f"timed out after {STEP_TIMEOUT_S} s waiting for {what}")


def main():
    bootstrap, topic, group = sys.argv[1:4]
    first = consumer(bootstrap, group, "capture-kip848-first")
    first.subscribe([topic])
    poll_until([first], lambda: len(partitions_of(first)) == 3, "the first consumer to own all 3 partitions")
    log("first-assigned", partitions=partitions_of(first))

    # An explicit commit, so the group also has an offset-commit record beside its KIP-848 ones.
    first.commit(offsets=[TopicPartition(topic, 0, 1)], asynchronous=False)
    log("committed", partition=0, offset=1)

    second = consumer(bootstrap, group, "capture-kip848-second")
    second.subscribe([topic])

    def split():
        mine, theirs = partitions_of(first), partitions_of(second)
        return mine and theirs and sorted(mine + theirs) == [0, 1, 2]

    poll_until([first, second], split, "the two consumers to split the 3 partitions")
    log("split", first=partitions_of(first), second=partitions_of(second))

    second.close()
    log("second-closed")
    poll_until([first], lambda: len(partitions_of(first)) == 3, "the first consumer to own all 3 partitions again")
    log("first-reassigned", partitions=partitions_of(first))
    first.close()
    log("first-closed")


if __name__ == "__main__":
    main()
