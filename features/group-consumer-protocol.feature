# The consumer group protocol of KIP-848 (Kafka 4.x, group.protocol=consumer): the broker assigns
# partitions and moves them one member epoch at a time, with no group-wide rebalance barrier;
# platformatic/kafka#340 is a client that saw no revoke under it. The broker's own records of such
# a group (ConsumerGroup* in __consumer_offsets) are what the harness attributes duplicates to.
@severity:critical @sut:go-forwarder
Feature: A consumer group on the KIP-848 protocol scales and loses a member without losing a message
  The system under test (the Go reference forwarder, franz-go, unless --sut names another; the
  matrix runs it per client) with FORWARDER_GROUP_PROTOCOL=consumer on the configured Kafka when
  it is 4.1.1 or newer, else on 4.1.1 (the broker's session timeout for such groups is set to
  10 s, its default being 45 s).
  Two instances on six partitions at 100 messages a second scale to four; one is killed with
  kill -9; the group scales back to two. (At 200 a second the Java reference consumer, which
  POSTs and commitSyncs one record at a time, about 70 a second per instance on a 2-core
  machine, falls behind and the drain ends before it catches up: a rate, not a protocol, finding.) The forwarder commits after each 2xx, one record at a
  time, so the crash leaves at most one delivered record uncommitted: at most one duplicate, and
  it follows a partition appearing in another member's assignment in the broker's records.

  Background:
    Given a Kafka cluster of 3 brokers running Kafka 4.1.1 or newer
    And a topic "events" with 6 partitions
    And the HTTP target is up

  Scenario: Scaling out, a crash and scaling in on the consumer protocol
    Given the system under test consumes "events" as group "enricher" with 2 instances and env:
      | FORWARDER_GROUP_PROTOCOL | consumer |
    When messages are produced continuously to "events" at 100 per second
    And 3 seconds pass
    And the system under test scales to 4 instances
    And 6 seconds pass
    And SUT instance 2 crashes
    And 6 seconds pass
    And the system under test scales to 2 instances
    And 4 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And committed offsets never go backwards
    And at most 1 message is delivered more than once
    And every duplicate is explained by a rewind or a retry
