// A reference system under test for kafka-chaos (docs/sut-contract.md) on the official Java client,
// kafka-clients: a Kafka→HTTP forwarder in the shape of a plain Java (or Spring) consumer service —
// this poll loop, its settings (Settings.java) and its POST (HttpPoster.java). It POSTs each record's value to TARGET_URL with the record's headers (so `chaos-id`
// reaches the target), one record at a time, in order within a partition, and on an HTTP error
// either stops (FORWARDER_ON_ERROR=stop, the default: exit 3, seed 000's pipeline) or retries the
// record with capped exponential backoff (retry). Rebalance callbacks run inside poll(), between
// records; a member evicted while it stalled (a zombie) learns it when its next commit is refused,
// and then delivers nothing more of that poll.
//
// FORWARDER_COMMIT is seed 004's question — is auto-commit safe here?
//   manual (correct) commitSync of offset+1 after each 2xx; a stop commits nothing more.
//   auto   enable.auto.commit=true: the client commits the position it has handed out, on its
//          interval inside poll(), on a rebalance and on close(). Processing synchronously looks
//          safe, but stopping on an error (or SIGTERM during an outage) closes the consumer, and
//          close() commits the position past the records never delivered: the failed record is
//          committed undelivered (unsafe-commit, commit-during-outage), and a restart skips it.
// Group options (FORWARDER_ASSIGNOR, FORWARDER_STATIC, FORWARDER_SESSION_TIMEOUT_MS,
// FORWARDER_GROUP_PROTOCOL) and TLS (KAFKA_SECURITY_PROTOCOL=SSL): Settings.java.
// Exit: 0 stopped by SIGTERM, 1 a fatal Kafka error (the brokers' certificate not trusted, too),
// 2 bad configuration, 3 stopped on an HTTP error.

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

public final class Forwarder {
  private final Settings settings = new Settings();
  private final String instance = settings.setting("SUT_INSTANCE", "an instance name, e.g. 1", null);
  private final String group = settings.setting("KAFKA_GROUP_ID", "a consumer group id, e.g. billing", null);
  private final List<String> topics = Arrays.stream(settings.setting("KAFKA_TOPIC", "a topic name, e.g. orders", null).split(","))
      .map(String::trim).filter(t -> !t.isEmpty()).toList();
  private final boolean autoCommit = settings.oneOf("FORWARDER_COMMIT", "manual", "manual", "auto").equals("auto");
  private final boolean retry = settings.oneOf("FORWARDER_ON_ERROR", "stop", "stop", "retry").equals("retry");
  private final long retryInitialMs = settings.millis("FORWARDER_RETRY_INITIAL_MS", 100);
  private final long retryMaxMs = Math.max(retryInitialMs, settings.millis("FORWARDER_RETRY_MAX_MS", 1000));
  private final HttpPoster http = new HttpPoster(settings.targetUrl(), instance, settings.millis("FORWARDER_HTTP_TIMEOUT_MS", 5000));
  private final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings.consumerProperties(instance, group, autoCommit));
  private volatile boolean running = true;
  /** Delivered records whose commit a rebalance in progress refused: committed once it lets us (see run). */
  private final Map<TopicPartition, OffsetAndMetadata> pending = new LinkedHashMap<>();

  public static void main(String[] args) {
    Forwarder forwarder = new Forwarder();
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      forwarder.running = false;
      forwarder.consumer.wakeup();
      try {
        main.join(12_000); // a hung close is cut short here, before the harness's own SIGKILL
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(0); // stopped by SIGTERM: exit 0, as the contract asks
    }));
    int code = forwarder.run();
    forwarder.emit("shutdown", "\"exitCode\":" + code);
    if (forwarder.running) System.exit(code); // an exit of our own; after SIGTERM the hook ends the JVM
  }

  private int run() {
    consumer.subscribe(topics, new ConsumerRebalanceListener() {
      @Override public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // Still this generation's owner here: what was delivered is committed before the
        // partitions move, so their next owner does not deliver it again.
        commitPending(partitions, false);
        emit("revoked", "\"partitions\":" + json(partitions.toString()));
      }
      @Override public void onPartitionsLost(Collection<TopicPartition> partitions) {
        pending.keySet().removeAll(partitions); // no longer ours to commit: the next owner re-delivers
        emit("lost", "\"partitions\":" + json(partitions.toString()));
      }
      @Override public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        emit("ready", "\"groupId\":" + json(group) + ",\"mode\":" + json(autoCommit ? "auto-commit" : "manual-commit")
            + ",\"assigned\":" + json(partitions.toString()));
      }
    });
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(500));
        // The rebalance that deferred them is over: commit those still ours; the others' next owner has them.
        pending.keySet().retainAll(consumer.assignment());
        commitPending(List.copyOf(pending.keySet()), true);
        var partitions = new ArrayList<>(records.partitions());
        batch:
        for (int p = 0; p < partitions.size(); p++) {
          TopicPartition tp = partitions.get(p);
          for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
            if (!deliver(record)) {
              if (!running) return 0;
              if (!retry) return stopOnError(record);
              rewindRest(records, partitions, p, record.offset()); // its retries found the group moved on
              break batch;
            }
            if (!autoCommit && !commit(tp, record)) {
              // The group moved on (this member was evicted, or a rebalance is under way): nothing
              // more of this poll is delivered — a zombie that went on with the other partitions
              // delivered records their next owner had already delivered. poll() rejoins.
              rewindRest(records, partitions, p, record.offset() + 1);
              break batch;
            }
          }
        }
      }
      return 0;
    } catch (WakeupException stopping) {
      return 0;
    } catch (org.apache.kafka.common.errors.SslAuthenticationException untrusted) {
      Throwable root = untrusted;
      while (root.getCause() != null) root = root.getCause();
      log("the brokers' TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION " + System.getenv("KAFKA_SSL_CA_LOCATION") + " (" + root.getMessage() + ")");
      return 1;
    } catch (KafkaException fatal) {
      log("kafka: " + fatal);
      return 1;
    } finally {
      // manual: nothing is committed here. auto: close() commits the position handed out, past
      // any record that was not delivered — the bug this mode exists to show.
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private int stopOnError(ConsumerRecord<byte[], byte[]> record) {
    emit("stopped-on-error", where(record));
    return 3;
  }

  /** POSTs until a 2xx (true); false when it fails and we stop on errors, or when we are stopping. */
  private boolean deliver(ConsumerRecord<byte[], byte[]> record) {
    long delay = retryInitialMs;
    for (int attempt = 1; running; attempt++) {
      String error = http.post(record);
      if (error == null) return true;
      if (!retry) return false;
      emit("retrying", where(record) + ",\"attempt\":" + attempt + ",\"delayMs\":" + delay + ",\"error\":" + json(error));
      sleep(delay);
      delay = Math.min(delay * 2, retryMaxMs);
      // A member evicted while it stalled (its POST timed out meanwhile) must not send the record
      // again: its next owner has it. Nothing else tells a kafka-clients consumer between polls.
      if (!autoCommit && !stillOwns(record)) return false;
    }
    return false;
  }

  /**
   * Commits what a rebalance deferred, for these partitions; a refusal leaves the record to its next
   * owner. Deferred again only when `mayDefer` (after a poll, the partitions still ours): never from
   * a revoke, whose partitions are gone once it returns — a late commit there would move another
   * owner's committed offset backwards.
   */
  private void commitPending(Collection<TopicPartition> partitions, boolean mayDefer) {
    var due = new LinkedHashMap<TopicPartition, OffsetAndMetadata>();
    for (TopicPartition tp : partitions) if (pending.containsKey(tp)) due.put(tp, pending.remove(tp));
    if (due.isEmpty()) return;
    try {
      consumer.commitSync(due, Duration.ofSeconds(5));
    } catch (org.apache.kafka.common.errors.RebalanceInProgressException again) {
      if (mayDefer) pending.putAll(due); // another rebalance: still ours, committed after it
      else emit("commit-refused", "\"partitions\":" + json(due.keySet().toString()) + ",\"error\":" + json(again.toString()));
    } catch (KafkaException refused) {
      emit("commit-refused", "\"partitions\":" + json(due.keySet().toString()) + ",\"error\":" + json(refused.toString()));
    }
  }

  /**
   * A fencing check before a retry: commits this record's own offset again (what is committed
   * already, so nothing moves). Refused once the group has moved on; any other failure (the
   * coordinator unreachable) is not an answer, and the POST is retried.
   */
  private boolean stillOwns(ConsumerRecord<byte[], byte[]> record) {
    var tp = new TopicPartition(record.topic(), record.partition());
    try {
      consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset())), Duration.ofSeconds(5));
      pending.remove(tp); // it covered the deferred commit, which was at most this offset
      return true;
    } catch (org.apache.kafka.clients.consumer.CommitFailedException
        | org.apache.kafka.common.errors.RebalanceInProgressException moved) {
      emit("record-abandoned", where(record) + ",\"reason\":\"rebalance\",\"error\":" + json(moved.toString()));
      return false;
    } catch (KafkaException unknown) {
      return true;
    }
  }

  /**
   * Abandons the rest of a poll: partition p resumes at `next`, the partitions after it at their
   * first record of the poll (those before it were finished). A partition this member keeps after
   * the rebalance so loses nothing; one it lost is resumed by its next owner from the committed offset.
   */
  private void rewindRest(ConsumerRecords<byte[], byte[]> records, List<TopicPartition> partitions, int p, long next) {
    for (int i = p; i < partitions.size(); i++) {
      TopicPartition tp = partitions.get(i);
      try {
        consumer.seek(tp, i == p ? next : records.records(tp).get(0).offset());
      } catch (IllegalStateException notAssigned) {
        // already taken away: its next owner starts from the committed offset
      }
    }
  }

  /** commitSync of offset+1, retried while it fails for a retriable reason; false once the group has moved on. */
  private boolean commit(TopicPartition tp, ConsumerRecord<byte[], byte[]> record) {
    // A record delivered as SIGTERM arrives is still committed: left uncommitted, the partition's
    // next owner would deliver it again. Two tries after the stop: the first may meet the wakeup.
    int triesAfterStop = 0;
    for (int attempt = 1; running || ++triesAfterStop <= 2; attempt++) {
      try {
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), Duration.ofSeconds(5));
        pending.remove(tp); // superseded: committing a deferred, lower offset later would move it backwards
        return true;
      } catch (WakeupException stopping) {
        // SIGTERM's wakeup, which is spent now: the next try commits
      } catch (org.apache.kafka.common.errors.RebalanceInProgressException rebalancing) {
        // Delivered, and still ours until the rebalance says otherwise: committed on revoke or after it.
        pending.put(tp, new OffsetAndMetadata(record.offset() + 1));
        emit("commit-deferred", where(record) + ",\"error\":" + json(rebalancing.toString()));
        return false;
      } catch (org.apache.kafka.clients.consumer.CommitFailedException moved) {
        emit("commit-refused", where(record) + ",\"error\":" + json(moved.toString()));
        return false;
      } catch (org.apache.kafka.common.errors.RetriableException e) {
        emit("retrying", where(record) + ",\"step\":\"commit\",\"attempt\":" + attempt + ",\"error\":" + json(e.toString()));
        sleep(Math.min(retryMaxMs, retryInitialMs * attempt));
      }
    }
    return false;
  }

  private void sleep(long ms) {
    long until = System.currentTimeMillis() + ms;
    while (running && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String where(ConsumerRecord<byte[], byte[]> r) {
    return "\"topic\":" + json(r.topic()) + ",\"partition\":" + r.partition() + ",\"offset\":" + r.offset();
  }

  private void emit(String event, String fields) {
    System.out.println("{\"event\":" + json(event) + ",\"instance\":" + json(instance) + (fields.isEmpty() ? "" : "," + fields)
        + ",\"ts\":" + json(Instant.now().toString()) + "}");
    System.out.flush();
  }

  private static void log(String message) {
    System.err.println("java-forwarder: " + message);
  }

  private static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
