# The group coordinator lost and found again. kafkajs (the reference forwarder's client) keeps
# committing to the broker it first found as coordinator and only looks it up again when it
# rejoins (kafkajs issue #1069): the forwarder therefore lets a failed commit surface within
# seconds (its consumer retries 5 times, at most 2 s apart), so the runner rejoins and finds the
# new coordinator. With kafkajs's usual minute of commit retries it stalled past any drain.
@severity:critical
Feature: The pipeline survives the loss of its group coordinator
  The broker that coordinates a consumer group holds its offsets and its membership. When it is
  cut off or killed, another broker takes the group over, and the consumers must find it: until
  they do, they can neither commit nor rebalance. A delivered record whose commit failed meanwhile
  is delivered again from the last commit: duplicates, bounded, never a loss, and each explained by
  the fault on the coordinator that kept its commit from landing, or by a rebalance.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "payments" with 3 partitions, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the system under test consumes "payments" as group "settlement" and retries on errors

  Scenario: The group coordinator is isolated
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And the group coordinator is isolated for 15 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry

  Scenario: Only the forwarder's link to the group coordinator is cut
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And the system under test is cut off from its group coordinator for 15 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry

  Scenario: The group coordinator is killed with kill -9 and restarted
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And the group coordinator is killed
    And 10 seconds pass
    And every stopped broker is restarted
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry
