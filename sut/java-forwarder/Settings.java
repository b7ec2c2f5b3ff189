// The Java forwarder's configuration, read from the environment the harness gives every SUT
// (docs/sut-contract.md) plus its FORWARDER_* knobs: each value read once, and a problem is one
// stderr line naming the variable and what it should be, then exit 2 — before anything connects.
// consumerProperties() turns them into kafka-clients settings: the group options (assignor,
// static membership, KIP-848) and TLS (KAFKA_SECURITY_PROTOCOL=SSL, a PEM truststore).

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

final class Settings {
  private final Map<String, String> env = System.getenv();

  Properties consumerProperties(String instance, String group, boolean autoCommit) {
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

  String setting(String name, String expected, String fallback) {
    String value = env.getOrDefault(name, "").trim();
    if (value.isEmpty()) value = fallback;
    if (value == null) fail(name + " is not set; expected " + expected);
    return value;
  }

  String oneOf(String name, String fallback, String... allowed) {
    String value = setting(name, "", fallback);
    if (!Arrays.asList(allowed).contains(value)) fail(name + " is \"" + value + "\"; expected one of " + String.join(", ", allowed));
    return value;
  }

  long millis(String name, long fallback) {
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

  URI targetUrl() {
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
    System.err.println("java-forwarder: " + problem);
    System.exit(2);
  }
}
