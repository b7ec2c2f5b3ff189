# The HTTP target answers, but not with what a forwarder hopes for: errors, throttling, slowness.
@selftest @severity:normal
Feature: Error, throttling and slow answers from the HTTP server
  A 5xx or a 429 is not a delivery: a retrying forwarder must try the same record again and
  commit it only after a 2xx. A slow server slows the pipeline down but loses nothing.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "events" with 2 partitions
    And the HTTP target is up
    And the system under test consumes "events" as group "audit" and retries on errors

  Scenario: The server answers 503 for a while
    When messages are produced continuously to "events" at 50 per second
    And 2 seconds pass
    And the HTTP target answers 503 for 8 seconds
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order

  Scenario: The server throttles 30% of requests with 429
    When messages are produced continuously to "events" at 50 per second
    And 2 seconds pass
    And the HTTP target answers 429 for 30% of requests for 8 seconds
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order

  Scenario: The server answers slowly
    When messages are produced continuously to "events" at 50 per second
    And 2 seconds pass
    And the HTTP target answers after 1 second for 6 seconds
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And no message is delivered more than once
