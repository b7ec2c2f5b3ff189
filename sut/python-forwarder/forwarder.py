#!/usr/bin/env python3
# A reference system under test for kafka-chaos (docs/sut-contract.md) in Python, on confluent-kafka
# (librdkafka): a Kafka→HTTP forwarder that is correctly at-least-once. It POSTs each record's value
# to TARGET_URL with the record's headers (so `chaos-id` reaches the target), commits offset+1
# synchronously only after a 2xx, and on an HTTP error either retries the record with capped
# exponential backoff for as long as it owns the partition (FORWARDER_ON_ERROR=retry, the default)
# or stops on it (stop: exit 3, nothing committed for it, seed 000's pipeline). One record at a time
# keeps each partition in order. FORWARDER_MODE=commit-before-send is a bug kept on purpose:
# offsets are committed before the POST, for records the target never accepted (a crash loses them).
# Group options, as the Go and Java consumers take them: FORWARDER_ASSIGNOR (range |
# cooperative-sticky), FORWARDER_STATIC=true (group.instance.id "instance-$SUT_INSTANCE"),
# FORWARDER_SESSION_TIMEOUT_MS (default 10000), FORWARDER_GROUP_PROTOCOL (classic | consumer:
# KIP-848 on Kafka 4.x, the broker assigns). KAFKA_SECURITY_PROTOCOL=SSL: TLS, trusting
# KAFKA_SSL_CA_LOCATION.
# Exit: 0 stopped by SIGTERM/SIGINT, 1 fatal Kafka error (an untrusted broker certificate too),
# 2 bad configuration, 3 stopped on an HTTP error; SIGALRM: hung shutdown.

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


def one_of(name, default, *allowed):
    value = setting(name, "", default)
    check(value in allowed, f"{name} is {value!r}; expected one of {', '.join(allowed)}")
    return value


def group_options(instance):
    """The group settings the Go and Java reference consumers take, in librdkafka's names."""
    protocol = one_of("FORWARDER_GROUP_PROTOCOL", "classic", "classic", "consumer")
    assignor = one_of("FORWARDER_ASSIGNOR", "range", "range", "cooperative-sticky")
    options = {"group.instance.id": f"instance-{instance}"} if one_of("FORWARDER_STATIC", "false", "true", "false") == "true" else {}
    if protocol == "consumer":  # KIP-848: the broker assigns and sets the session timeout
        check(assignor == "range", "FORWARDER_GROUP_PROTOCOL=consumer assigns on the broker; unset FORWARDER_ASSIGNOR")
        return {**options, "group.protocol": "consumer"}
    session_ms = round(millis("FORWARDER_SESSION_TIMEOUT_MS", 10000) * 1000)
    return {**options, "partition.assignment.strategy": assignor, "session.timeout.ms": session_ms,
            "heartbeat.interval.ms": max(500, session_ms // 5)}


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
        self.stop_on_error = one_of("FORWARDER_ON_ERROR", "retry", "retry", "stop") == "stop"
        check(self.url.scheme in ("http", "https"), f"TARGET_URL is {self.url.geturl()!r}; expected an http(s) URL")
        self.retry_initial = millis("FORWARDER_RETRY_INITIAL_MS", 200)
        self.retry_max = max(self.retry_initial, millis("FORWARDER_RETRY_MAX_MS", 2000))
        self.http_timeout = millis("FORWARDER_HTTP_TIMEOUT_MS", 5000)
        self.stopping = self.paused = False
        self.revoked = set()  # partitions taken away while the current record was held
        self.held = collections.deque()  # records poll handed over while one was held: next, in order
        self.pending = {}  # (topic, partition) -> the offset a refused commit still owes, for on_revoke
        self.untrusted = None  # the broker certificate's verification error, once librdkafka reports one
        # With SSL, librdkafka verifies the broker's name by default (ssl.endpoint.identification.algorithm).
        tls = {} if one_of("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT", "SSL") == "PLAINTEXT" else {
            "security.protocol": "SSL",
            "ssl.ca.location": setting("KAFKA_SSL_CA_LOCATION", "the path of the PEM CA certificate to trust"),
        }
        group = group_options(self.instance)
        # Cooperative assignors and KIP-848 hand partitions over incrementally (on_assign).
        self.incremental = group.get("partition.assignment.strategy") == "cooperative-sticky" or "group.protocol" in group
        self.consumer = Consumer({
            **tls,
            **group,
            "bootstrap.servers": setting("KAFKA_BOOTSTRAP_SERVERS", "host:port,…, e.g. 127.0.0.1:9092"),
            "group.id": self.group,
            "client.id": f"kafka-chaos-python-forwarder-{self.instance}",
            "enable.auto.commit": False,  # we commit, and only what the target accepted
            "auto.offset.reset": "earliest",
            "error_cb": self.on_error,
        })

    def on_error(self, err):
        log(f"kafka: {err}")
        if "certificate verify failed" in str(err) and self.untrusted is None:
            self.untrusted = str(err)

    def on_assign(self, consumer, partitions):
        """librdkafka keeps a partition's pause across a rebalance (librdkafka#1849): one paused while
        we backed off, taken away and given back (an evicted member rejoining), would stay paused for
        good and its records never arrive. So the assignment is applied here, then resumed."""
        (consumer.incremental_assign if self.incremental else consumer.assign)(partitions)
        consumer.resume(partitions)
        emit("ready", instance=self.instance, groupId=self.group, topics=self.topics, mode=self.mode,
             assignment=[f"{p.topic}[{p.partition}]" for p in partitions])  # again after each rebalance

    def on_revoke(self, _consumer, partitions):
        """Partitions move to another member. A record delivered whose commit the rebalance refused
        (ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS) is committed now, while we still own it: the
        broker takes a commit in the revoke callback (cooperative: in the new generation, before the
        partition is handed on), and the next owner then starts after it instead of sending it again."""
        gone = self.forget(partitions)
        owed = [self.pending.pop(key) for key in gone if key in self.pending]
        if owed:
            shown = [f"{o.topic}[{o.partition}]@{o.offset}" for o in owed]
            try:
                self.consumer.commit(offsets=owed, asynchronous=False)
                emit("committed-on-revoke", instance=self.instance, offsets=shown)
            except KafkaException as e:  # the next owner re-delivers them: duplicates, never a loss
                emit("commit-on-revoke-failed", instance=self.instance, offsets=shown, error=str(e))

    def on_lost(self, _consumer, partitions):
        """Partitions taken without a revoke (our session expired): not ours to commit any more."""
        for key in self.forget(partitions):
            self.pending.pop(key, None)

    def forget(self, partitions):
        """The partitions' held records are dropped and a record in hand is given up."""
        gone = {(p.topic, p.partition) for p in partitions}
        self.revoked |= gone
        self.held = collections.deque(m for m in self.held if (m.topic(), m.partition()) not in gone)
        return gone

    def run(self):
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        self.consumer.subscribe(self.topics, on_assign=self.on_assign, on_revoke=self.on_revoke, on_lost=self.on_lost)
        while not self.stopping:
            msg = self.held.popleft() if self.held else self.poll(1.0)
            if msg is not None:
                self.handle(msg)
        self.consumer.close()  # enable.auto.commit is off: close commits nothing, it leaves the group
        emit("shutdown", instance=self.instance, exitCode=0)

    def poll(self, timeout):
        """A record or None. A Kafka error is logged; a fatal one ends the process (exit 1), and so
        does a broker certificate the CA does not verify: librdkafka would retry it for ever."""
        msg = self.consumer.poll(timeout)
        if self.untrusted is not None:
            where = setting("KAFKA_SSL_CA_LOCATION", "")
            log(f"the brokers' TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION {where} ({self.untrusted})")
            sys.exit(1)
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
            if self.stop_on_error and step == self.post:
                self.stop_pipeline(where, error)
            delay = min(self.retry_max, self.retry_initial * 2 ** min(attempt - 1, 30))
            emit("retrying", **where, attempt=attempt, delayMs=round(delay * 1000), error=error)
            if not self.wait(delay, msg):
                break
            attempt += 1
        if error is not None:
            reason = "shutdown" if self.stopping else "rebalance"
            emit("record-abandoned", **where, reason=reason, attempts=attempt, error=error)
        return error is None

    def stop_pipeline(self, where, error):
        """FORWARDER_ON_ERROR=stop: the failed record and everything after it stay uncommitted (close
        commits nothing: auto-commit is off), and the process exits 3; a restart resumes from it."""
        emit("stopped-on-error", **where, error=error, instance=self.instance)
        self.consumer.close()
        emit("shutdown", instance=self.instance, exitCode=3)
        sys.exit(3)

    def commit(self, msg):
        """Commits offset+1 synchronously; None once Kafka has it, else the error, retried. Until then
        it is owed (self.pending): a revoke pays it before the partition moves (on_revoke)."""
        key = (msg.topic(), msg.partition())
        next_offset = TopicPartition(msg.topic(), msg.partition(), msg.offset() + 1)
        try:
            self.consumer.commit(offsets=[next_offset], asynchronous=False)
            self.pending.pop(key, None)
            return None
        except KafkaException as e:
            self.pending[key] = next_offset
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
