# Known defect: kafkajs (the reference forwarder's client) keeps committing to a group
# coordinator that has moved — OffsetManager does not look the coordinator up again after
# NOT_COORDINATOR (kafkajs issue #1069, pull request #1779) — so the forwarder stalls: it
# delivers nothing more and its commits fail until it is restarted. The harness reports it as
# "Message loss" (the drain ends with messages undelivered). Excluded from the default run;
# `npm run chaos -- --tags @known-defect` runs it, e.g. against a SUT of your own.
@known-defect @severity:critical
Feature: The pipeline survives the loss of its group coordinator
  The broker that coordinates a consumer group holds its offsets and its membership. When it is
  cut off or killed, another broker takes the group over, and the consumers must find it: until
  they do, they can neither commit nor rebalance.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "payments" with 3 partitions, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the forwarder consumes "payments" as group "settlement" and retries on errors

  Scenario: The group coordinator is isolated
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And the group coordinator is isolated for 15 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered

  Scenario: The group coordinator is killed with kill -9 and restarted
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And the group coordinator is killed
    And 10 seconds pass
    And every stopped broker is restarted
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
