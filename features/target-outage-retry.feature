# A forwarder that retries instead of stopping (FORWARDER_ON_ERROR=retry) rides out an outage.
@selftest @severity:critical
Feature: A retrying forwarder waits out an HTTP outage
  While the HTTP server is down, a forwarder that retries the same record keeps the group's
  offsets where they are; when the server is back it delivers the backlog in partition order,
  and every message arrives, with no commit made for a message the server had not accepted. An
  operator watching the group with Burrow (seed 002) sees it stopped during the outage and OK
  again within a minute of the heal.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "orders" with 3 partitions
    And the HTTP target is up
    And the system under test consumes "orders" as group "billing" and retries on errors

  Scenario: A 10-second outage under steady traffic loses nothing
    When messages are produced continuously to "orders" at 100 per second
    And 3 seconds pass
    And the HTTP target goes down for 10 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed while the HTTP target is down
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order
    And at most 1% of messages are delivered more than once
    And the group has committed up to the log end of every partition
    And the group's status is OK within 60 seconds after the last fault heals
