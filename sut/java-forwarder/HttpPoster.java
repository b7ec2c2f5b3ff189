// One POST of a record to TARGET_URL, as every reference forwarder sends it: the value as the
// body, the record's headers (so `chaos-id` reaches the target) except those that would corrupt
// the request's framing, no redirects followed (a 3xx is no acknowledgement). null on a 2xx,
// else what went wrong, for the caller to retry or stop on.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

final class HttpPoster {
  private static final Set<String> OWNED = Set.of("host", "content-length", "transfer-encoding", "connection",
      "content-type", "sut-instance", "expect", "te", "upgrade");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7e]*");

  private final URI target;
  private final String instance;
  private final long httpTimeoutMs;
  private final HttpClient http;

  HttpPoster(URI target, String instance, long httpTimeoutMs) {
    this.target = target;
    this.instance = instance;
    this.httpTimeoutMs = httpTimeoutMs;
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofMillis(httpTimeoutMs)).build();
  }

  String post(ConsumerRecord<byte[], byte[]> record) {
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
}
