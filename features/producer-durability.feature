# Producer durability (seeds 002 and 004): acks=1 against acks=all while a partition's leader is cut
# off from its followers and the controller, but not from its producers and consumers.
@severity:critical
Feature: Acknowledged writes survive a leader cut off from its followers with acks=all, not with acks=1
  The topic has one partition, replication factor 3 and min.insync.replicas=2. Its leader is cut
  off from the other brokers — its followers stop fetching, the controller fences it and elects
  another leader from the ISR — while the harness's producer and the forwarder still reach it and
  do not learn of the change. With acks=1 the old leader acknowledges every write it gets and,
  when the cut heals, truncates its log to the new leader's: those acknowledged writes are gone,
  lost by the brokers and not by the pipeline (the broker-side-loss check). With acks=all it
  cannot acknowledge a write no follower has, so the producer sees errors instead, and every
  write it was told is safe is in the log.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "payments" with 1 partition, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the forwarder consumes "payments" as group "ledger" and retries on errors

  Scenario: With acks=1 the cut-off leader acknowledges writes that the brokers then lose
    Given the harness produces with acks=1
    When messages are produced continuously to "payments" at 50 per second
    And 2 seconds pass
    And the leader of partition 0 of "payments" is cut off from its peers for 20 seconds
    And 3 seconds pass
    Then the group's lag drops to 0 within 60 seconds
    And the brokers lose acknowledged writes
    And no offset is committed before its message is delivered

  Scenario: With acks=all every acknowledged write survives the cut-off leader
    Given the harness produces with acks=all
    When messages are produced continuously to "payments" at 50 per second
    And 2 seconds pass
    And the leader of partition 0 of "payments" is cut off from its peers for 20 seconds
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And every acknowledged write is in the log
    And no message is lost
    And no offset is committed before its message is delivered
