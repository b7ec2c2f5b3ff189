# A SUT that joins its group late must not be judged on messages it was never given a chance at.
@severity:critical
Feature: A consumer that joins its group late loses nothing
  Services start slowly — a JVM warming up, a Kafka Connect worker loading its plugins — and a
  consumer that starts at the log end ("latest") never sees what was produced before its group
  held the partitions. The harness therefore starts traffic only once the SUT's group is Stable
  with every partition of its topic assigned, as the broker sees it, not after a fixed grace
  period: here the forwarder waits 5 seconds before it even connects, then starts at the end.

  Scenario: A forwarder that connects 5 seconds late and starts at the log end loses nothing
    Given a Kafka cluster of 3 brokers
    And a topic "late-orders" with 3 partitions
    And the HTTP target is up
    And the system under test "forwarder" consumes "late-orders" as group "late-joiner" with env:
      | FORWARDER_ON_ERROR       | retry |
      | FORWARDER_START_DELAY_MS | 5000  |
      | FORWARDER_FROM_BEGINNING | false |
    When messages are produced continuously to "late-orders" at 100 per second
    And 3 seconds pass
    Then within 30 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
