#!/usr/bin/env python3
# A second reference system under test for kafka-chaos (docs/sut-contract.md), in Python with
# confluent-kafka: the TypeScript sut/forwarder with FORWARDER_ON_ERROR=retry, correctly at-least-once.
# It POSTs each record's value to TARGET_URL with the record's headers (so `chaos-id` reaches the
# target), commits offset+1 synchronously only after a 2xx, and retries a failed record with capped
# exponential backoff for as long as it takes: an outage delays records, never loses one. One record
# at a time keeps each partition in order. FORWARDER_MODE=commit-before-send is a bug kept on purpose:
# offsets are committed before the POST, for records the target never accepted (a crash loses them).
# Exit: 0 stopped by SIGTERM/SIGINT, 1 fatal Kafka error, 2 bad configuration; SIGALRM: hung shutdown.

import collections
import datetime
import http.client
import json
import os
import re
import signal
import sys
import time
import urllib.parse

from confluent_kafka import Consumer, KafkaException, TopicPartition

MODES = ("correct", "commit-before-send")
# Headers we set ourselves, or whose copy from a record would corrupt the request's framing.
OWNED = {"host", "content-length", "transfer-encoding", "connection", "content-type", "sut-instance", "expect", "te"}
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


def emit(event, **fields):
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds")
    print(json.dumps({"event": event, **fields, "ts": now}), flush=True)  # stdout is a file: flush each line


def log(message):
    print(f"python-forwarder: {message}", file=sys.stderr, flush=True)


def check(ok, problem):
    """A configuration problem is one stderr line naming the variable and what it should be, exit 2."""
    if not ok:
        log(problem)
        sys.exit(2)


def setting(name, expected, default=None):
    value = os.environ.get(name, "").strip() or default  # an empty variable counts as unset
    check(value is not None, f"{name} is not set; expected {expected}")
    return value


def millis(name, default):
    raw = setting(name, "", str(default))
    check(raw.isascii() and raw.isdigit() and int(raw) > 0, f"{name} is {raw!r}; expected milliseconds, e.g. {default}")
    return int(raw) / 1000


class Forwarder:
    def __init__(self):
        self.topics = [t.strip() for t in setting("KAFKA_TOPIC", "a topic name, e.g. orders").split(",") if t.strip()]
        self.group = setting("KAFKA_GROUP_ID", "a consumer group id, e.g. billing")
        self.url = urllib.parse.urlsplit(setting("TARGET_URL", "a URL, e.g. http://127.0.0.1:8080/messages"))
        self.instance = setting("SUT_INSTANCE", "an instance name, e.g. 1")
        self.mode = setting("FORWARDER_MODE", "", "correct")
        check(self.mode in MODES, f"FORWARDER_MODE is {self.mode!r}; expected one of {', '.join(MODES)}")
        on_error = setting("FORWARDER_ON_ERROR", "", "retry")
        check(on_error == "retry", f"FORWARDER_ON_ERROR is {on_error!r}; expected retry (its one policy)")
        check(self.url.scheme in ("http", "https"), f"TARGET_URL is {self.url.geturl()!r}; expected an http(s) URL")
        self.retry_initial = millis("FORWARDER_RETRY_INITIAL_MS", 200)
        self.retry_max = max(self.retry_initial, millis("FORWARDER_RETRY_MAX_MS", 2000))
        self.http_timeout = millis("FORWARDER_HTTP_TIMEOUT_MS", 5000)
        self.stopping = self.paused = False
        self.revoked = set()  # partitions taken away while the current record was held
        self.held = collections.deque()  # records poll handed over while one was held: next, in order
        protocol = setting("KAFKA_SECURITY_PROTOCOL", "", "PLAINTEXT")
        check(protocol in ("PLAINTEXT", "SSL"), f"KAFKA_SECURITY_PROTOCOL is {protocol!r}; expected PLAINTEXT or SSL")
        tls = {} if protocol == "PLAINTEXT" else {  # librdkafka verifies the broker's name by default
            "security.protocol": "SSL",
            "ssl.ca.location": setting("KAFKA_SSL_CA_LOCATION", "the path of the PEM CA certificate to trust"),
        }
        self.consumer = Consumer({
            **tls,
            "bootstrap.servers": setting("KAFKA_BOOTSTRAP_SERVERS", "host:port,…, e.g. 127.0.0.1:9092"),
            "group.id": self.group,
            "client.id": f"kafka-chaos-python-forwarder-{self.instance}",
            "enable.auto.commit": False,  # we commit, and only what the target accepted
            "auto.offset.reset": "earliest",
            "session.timeout.ms": 10000,  # a killed instance's partitions move on quickly
            "error_cb": lambda err: log(f"kafka: {err}"),
        })

    def on_assign(self, _consumer, partitions):
        emit("ready", instance=self.instance, groupId=self.group, topics=self.topics, mode=self.mode,
             assignment=[f"{p.topic}[{p.partition}]" for p in partitions])  # again after each rebalance

    def on_revoke(self, _consumer, partitions):
        # Nothing to commit: each delivered record already is, and the next owner starts from an undelivered one.
        gone = {(p.topic, p.partition) for p in partitions}
        self.revoked |= gone
        self.held = collections.deque(m for m in self.held if (m.topic(), m.partition()) not in gone)

    def run(self):
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        self.consumer.subscribe(self.topics, on_assign=self.on_assign, on_revoke=self.on_revoke)
        while not self.stopping:
            msg = self.held.popleft() if self.held else self.poll(1.0)
            if msg is not None:
                self.handle(msg)
        self.consumer.close()  # enable.auto.commit is off: close commits nothing, it leaves the group
        emit("shutdown", instance=self.instance, exitCode=0)

    def poll(self, timeout):
        """A record or None. A Kafka error is logged; a fatal one ends the process (exit 1)."""
        msg = self.consumer.poll(timeout)
        if msg is None or not msg.error():
            return msg
        log(f"kafka: {msg.error()}")  # and None: the loop polls again
        if msg.error().fatal():
            sys.exit(1)

    def handle(self, msg):
        self.revoked.clear()
        # BROKEN ON PURPOSE in commit-before-send: the commit claims a record the target may never get.
        steps = (self.commit, self.post) if self.mode == "commit-before-send" else (self.post, self.commit)
        try:
            all(self.persist(step, msg) for step in steps)  # the second step only if the first succeeded
        finally:
            if self.paused:
                self.consumer.resume(self.consumer.assignment())
                self.paused = False

    def persist(self, step, msg):
        """Runs step (None: done, else the error) with capped exponential backoff until it succeeds
        (True) or the record is given up (False: shutdown, or its partition was revoked)."""
        where = {"step": step.__name__, "topic": msg.topic(), "partition": msg.partition(), "offset": msg.offset()}
        attempt = 1
        while (error := step(msg)) is not None and not self.stopping:
            delay = min(self.retry_max, self.retry_initial * 2 ** min(attempt - 1, 30))
            emit("retrying", **where, attempt=attempt, delayMs=round(delay * 1000), error=error)
            if not self.wait(delay, msg):
                break
            attempt += 1
        if error is not None:
            reason = "shutdown" if self.stopping else "rebalance"
            emit("record-abandoned", **where, reason=reason, attempts=attempt, error=error)
        return error is None

    def commit(self, msg):
        """Commits offset+1 synchronously; None once Kafka has it, else the error, retried. After a group
        change the next poll revokes the partition; its next owner re-delivers: a duplicate, not a loss."""
        try:
            next_offset = TopicPartition(msg.topic(), msg.partition(), msg.offset() + 1)
            self.consumer.commit(offsets=[next_offset], asynchronous=False)
            return None
        except KafkaException as e:
            return f"commit failed: {e}"

    def wait(self, seconds, msg):
        """Backs off serving the group (rebalances run in poll), assignment paused; False if msg's partition
        was revoked or we stop. A record poll returns anyway is held, processed next in order, never skipped."""
        self.consumer.pause(self.consumer.assignment())
        self.paused = True
        deadline = time.monotonic() + seconds
        while not self.stopping and (msg.topic(), msg.partition()) not in self.revoked:
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            got = self.poll(min(left, 0.5))
            if got is not None:
                self.held.append(got)
                self.consumer.pause([TopicPartition(got.topic(), got.partition())])
        return False

    def post(self, msg):
        """One POST of the record's value; None on a 2xx, else the error. http.client follows no
        redirect (a 3xx is no acknowledgement) and, unlike urlopen, uses no proxy from the env."""
        headers = {"content-type": "application/json", "sut-instance": self.instance}
        for name, value in msg.headers() or []:
            text = (value or b"").decode("latin-1")  # one char per byte: the bytes arrive unchanged
            if name.lower() not in OWNED and HEADER_NAME.fullmatch(name) and HEADER_VALUE.fullmatch(text):
                headers[name] = text
        kind = http.client.HTTPSConnection if self.url.scheme == "https" else http.client.HTTPConnection
        connection = kind(self.url.netloc, timeout=self.http_timeout)
        try:
            path = (self.url.path or "/") + (f"?{self.url.query}" if self.url.query else "")
            connection.request("POST", path, body=msg.value() or b"", headers=headers)
            response = connection.getresponse()
            response.read()
            return None if 200 <= response.status < 300 else f"HTTP {response.status}"
        except (OSError, http.client.HTTPException) as e:  # refused, reset, timed out…
            return f"{type(e).__name__}: {e}"
        finally:
            connection.close()

    def stop(self, _signum, _frame):
        # Only a flag, seen within a poll (1 s) or a backoff slice (0.5 s); a POST on the wire still
        # finishes and its 2xx is committed. SIGALRM ends a hung close() before the harness's SIGKILL.
        if not self.stopping:
            self.stopping = True
            signal.alarm(12)


if __name__ == "__main__":
    Forwarder().run()
