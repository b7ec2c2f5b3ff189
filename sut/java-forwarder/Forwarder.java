// A reference system under test for kafka-chaos (docs/sut-contract.md) on the official Java client,
// kafka-clients: a Kafka→HTTP forwarder in one file, the shape of a plain Java (or Spring) consumer
// service. It POSTs each record's value to TARGET_URL with the record's headers (so `chaos-id`
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
// Group options: FORWARDER_ASSIGNOR (range | cooperative-sticky), FORWARDER_STATIC=true
// (group.instance.id "instance-$SUT_INSTANCE"), FORWARDER_SESSION_TIMEOUT_MS (default 10000),
// FORWARDER_GROUP_PROTOCOL (classic | consumer, KIP-848 on Kafka 4.x).
// KAFKA_SECURITY_PROTOCOL=SSL: TLS to the brokers, trusting the PEM CA in KAFKA_SSL_CA_LOCATION.
// Exit: 0 stopped by SIGTERM, 1 a fatal Kafka error (the brokers' certificate not trusted, too),
// 2 bad configuration, 3 stopped on an HTTP error.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

public final class Forwarder {
  private static final Set<String> OWNED = Set.of("host", "content-length", "transfer-encoding", "connection",
      "content-type", "sut-instance", "expect", "te", "upgrade");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

  private final Map<String, String> env = System.getenv();
  private final String instance = setting("SUT_INSTANCE", "an instance name, e.g. 1", null);
  private final String group = setting("KAFKA_GROUP_ID", "a consumer group id, e.g. billing", null);
  private final List<String> topics = Arrays.stream(setting("KAFKA_TOPIC", "a topic name, e.g. orders", null).split(","))
      .map(String::trim).filter(t -> !t.isEmpty()).toList();
  private final URI target = targetUrl();
  private final boolean autoCommit = oneOf("FORWARDER_COMMIT", "manual", "manual", "auto").equals("auto");
  private final boolean retry = oneOf("FORWARDER_ON_ERROR", "stop", "stop", "retry").equals("retry");
  private final long retryInitialMs = millis("FORWARDER_RETRY_INITIAL_MS", 100);
  private final long retryMaxMs = Math.max(retryInitialMs, millis("FORWARDER_RETRY_MAX_MS", 1000));
  private final long httpTimeoutMs = millis("FORWARDER_HTTP_TIMEOUT_MS", 5000);
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofMillis(httpTimeoutMs)).build();
  private final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
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

  private Properties consumerProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", setting("KAFKA_BOOTSTRAP_SERVERS", "host:port,…, e.g. 127.0.0.1:9092", null));
    p.put("group.id", group);
    p.put("client.id", "kafka-chaos-java-forwarder-" + instance);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", String.valueOf(autoCommit));
    p.put("auto.commit.interval.ms", "1000");
    p.put("max.poll.records", "100");
    String protocol = oneOf("FORWARDER_GROUP_PROTOCOL", "classic", "classic", "consumer");
    String assignor = oneOf("FORWARDER_ASSIGNOR", "range", "range", "cooperative-sticky");
    if (protocol.equals("consumer")) {
      p.put("group.protocol", "consumer"); // the broker assigns, and sets the session timeout
    } else {
      p.put("partition.assignment.strategy", assignor.equals("range")
          ? "org.apache.kafka.clients.consumer.RangeAssignor"
          : "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
      long session = millis("FORWARDER_SESSION_TIMEOUT_MS", 10000);
      p.put("session.timeout.ms", String.valueOf(session));
      p.put("heartbeat.interval.ms", String.valueOf(Math.max(500, session / 5)));
    }
    if (oneOf("FORWARDER_STATIC", "false", "true", "false").equals("true")) p.put("group.instance.id", "instance-" + instance);
    if (oneOf("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "PLAINTEXT", "SSL").equals("SSL")) {
      p.put("security.protocol", "SSL"); // the host name is verified (ssl.endpoint.identification.algorithm=https)
      p.put("ssl.truststore.type", "PEM"); // the CA as the harness hands it over: no truststore to build
      p.put("ssl.truststore.location", setting("KAFKA_SSL_CA_LOCATION", "the path of the PEM CA certificate to trust", null));
    }
    return p;
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
      log("the brokers' TLS certificate is not trusted by KAFKA_SSL_CA_LOCATION " + env.get("KAFKA_SSL_CA_LOCATION") + " (" + root.getMessage() + ")");
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
      String error = post(record);
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

  private String post(ConsumerRecord<byte[], byte[]> record) {
    var request = HttpRequest.newBuilder(target).timeout(Duration.ofMillis(httpTimeoutMs))
        .header("content-type", "application/json").header("sut-instance", instance)
        .POST(HttpRequest.BodyPublishers.ofByteArray(record.value() == null ? new byte[0] : record.value()));
    for (Header h : record.headers()) {
      String value = h.value() == null ? "" : new String(h.value(), StandardCharsets.ISO_8859_1);
      if (OWNED.contains(h.key().toLowerCase()) || !HEADER_NAME.matcher(h.key()).matches() || !HEADER_VALUE.matcher(value).matches()) continue;
      try {
        request.header(h.key(), value);
      } catch (IllegalArgumentException restricted) {
        // a header java.net.http refuses to set (e.g. "date"): left out, as the other references do
      }
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status <= 299 ? null : "HTTP " + status;
    } catch (java.io.IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
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

  // Configuration: a problem is one stderr line naming the variable and what it should be, exit 2.
  private String setting(String name, String expected, String fallback) {
    String value = env.getOrDefault(name, "").trim();
    if (value.isEmpty()) value = fallback;
    if (value == null) fail(name + " is not set; expected " + expected);
    return value;
  }

  private String oneOf(String name, String fallback, String... allowed) {
    String value = setting(name, "", fallback);
    if (!Arrays.asList(allowed).contains(value)) fail(name + " is \"" + value + "\"; expected one of " + String.join(", ", allowed));
    return value;
  }

  private long millis(String name, long fallback) {
    String raw = setting(name, "", String.valueOf(fallback));
    try {
      long value = Long.parseLong(raw);
      if (value > 0) return value;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    fail(name + " is \"" + raw + "\"; expected milliseconds, e.g. " + fallback);
    return 0;
  }

  private URI targetUrl() {
    String raw = setting("TARGET_URL", "a URL, e.g. http://127.0.0.1:8080/messages", null);
    try {
      URI uri = URI.create(raw);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
    } catch (IllegalArgumentException ignored) {
      // reported below
    }
    fail("TARGET_URL is \"" + raw + "\"; expected an http(s) URL");
    return null;
  }

  private static void fail(String problem) {
    log(problem);
    System.exit(2);
  }
}
