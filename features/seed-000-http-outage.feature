# Seed 000, version 1: StreamSets' "On Record Error: Stop Pipeline", told as four stories.
@smoke @severity:critical
Feature: The pipeline stays at-least-once while its HTTP server is down
  A Kafka→HTTP forwarder must not commit an offset for a message that its HTTP server has not
  accepted, so that an outage delays messages but never loses them. This forwarder stops on
  the first error; restarted after the outage, it delivers what waited in the topic.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "sdc-test-1" with 2 partitions and replication factor 3
    And the HTTP target is up
    And the system under test consumes "sdc-test-1" as group "sdc-test-c1" and stops on the first error

  Scenario: Everything works, and a commit follows the delivery
    When 1 message is produced to "sdc-test-1"
    Then within 30 seconds every produced message is delivered
    And the group has committed up to the log end of every partition
    And no offset is committed before its message is delivered

  @selftest
  Scenario: An unreachable HTTP server stops the pipeline without a commit
    Given the HTTP target goes down
    When 1 message is produced to "sdc-test-1"
    Then within 30 seconds the forwarder has stopped
    And no offset is committed while the HTTP target is down
    And 1 message is waiting in "sdc-test-1" to be consumed

  @selftest
  Scenario: A message produced while the pipeline is stopped is queued in the topic
    Given the HTTP target goes down
    And 1 message is produced to "sdc-test-1"
    And the forwarder has stopped
    When 1 more message is produced to "sdc-test-1"
    Then 2 messages are waiting in "sdc-test-1" to be consumed
    And no offset is committed while the HTTP target is down

  @selftest
  Scenario: Restarting the server and the pipeline recovers the failed and the queued message
    Given the HTTP target goes down
    And 1 message is produced to "sdc-test-1"
    And the forwarder has stopped
    And 1 more message is produced to "sdc-test-1"
    When the HTTP target comes back
    And the forwarder is restarted
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And the group has committed up to the log end of every partition
    And no offset is committed while the HTTP target is down
