# A sink that answers more slowly than the consumer's session timeout allows.
@severity:critical
Feature: A sink slower than the consumer's session timeout
  A consumer that waits on its sink without telling the group it is alive is taken for dead once
  its session (or poll) timeout passes: its partitions are given away mid-request and the
  uncommitted work is redelivered by the next owner, again at every rebalance — how a slow HTTP
  sink turned 20,000 events into 28,000 deliveries (knative eventing-kafka-broker#2202). A
  correct consumer keeps its membership while it waits: the reference forwarder heartbeats during
  every request, so answers slower than its 10-second session timeout cost time, never a
  rebalance, a loss or a duplicate.

  Scenario: Every answer takes 12 seconds, beyond the session timeout, for 30 seconds
    Given a Kafka cluster of 3 brokers
    And a topic "webhooks" with 2 partitions
    And the HTTP target is up
    And the system under test "forwarder" consumes "webhooks" as group "notify" with env:
      | FORWARDER_ON_ERROR        | retry |
      | FORWARDER_HTTP_TIMEOUT_MS | 20000 |
    When 20 messages are produced to "webhooks"
    And the HTTP target answers after 12 seconds for 30 seconds
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And no message is delivered more than once
