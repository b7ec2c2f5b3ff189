# Brokers fail under the pipeline: cut off from the cluster, killed with kill -9, slow links.
@severity:critical
Feature: The pipeline survives broker failures
  With replication factor 3 and min in-sync replicas 2, losing one broker moves its partitions'
  leadership to the others. The forwarder must follow the new leaders without losing a message
  or committing one it has not delivered; a rebalance may repeat a few. (When the failed broker
  is the group's coordinator, see group-coordinator-failover.feature.)

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "payments" with 3 partitions, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the system under test consumes "payments" as group "settlement" and retries on errors

  Scenario: A partition leader is isolated and leadership fails over
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And a leader of "payments" other than the group coordinator is isolated for 15 seconds
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And committed offsets never go backwards
    And at most 2% of messages are delivered more than once

  Scenario: A partition leader is killed with kill -9 and restarted
    When messages are produced continuously to "payments" at 50 per second
    And 3 seconds pass
    And a leader of "payments" other than the group coordinator is killed
    And 10 seconds pass
    And every stopped broker is restarted
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once

  Scenario: The link between the forwarder and a broker turns slow
    When messages are produced continuously to "payments" at 50 per second
    And 2 seconds pass
    And the link between the SUT and broker 1 has a latency of 300 ms for 8 seconds
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
