# Seed 000's pipeline at a rate users run: 2,000 messages a second through the fast configuration.
@severity:critical
Feature: At 2,000 messages a second, an outage, a failover and a crash lose nothing
  The other features run at 50 to 200 messages a second, where a forwarder that delivers one
  record at a time and commits each one keeps up. Users' consumers run at thousands a second,
  with partitions side by side and commits batched, and that is where their batching and
  concurrency bugs show. Here the reference forwarder runs that way (sut/forwarder/README.md,
  "The fast configuration"): two instances, three partitions each in flight, the delivered
  prefix of each partition committed every second or 500 records, at the end of each fetched
  batch and before each rebalance.

  What a correct sink at this rate may do: repeat what was delivered since its last commit when
  it crashes (about a second of its share, so a few percent of a short run), each repeat after a
  rewind the broker's group history shows; repeat a record whose POST failed and was retried.
  What it may not: lose a message, commit one before its 2xx, reorder a partition, or repeat
  one without a cause. On this 2-core machine the rate is set by the cluster and the harness
  sharing the cores with the forwarder; `npm run bench:throughput` measures each one's ceiling.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "clicks" with 6 partitions, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the system under test "forwarder" consumes "clicks" as group "clickstream" with 2 instances and env:
      | FORWARDER_ON_ERROR             | retry |
      | FORWARDER_PARTITIONS_IN_FLIGHT | 3     |
      | FORWARDER_COMMIT_INTERVAL_MS   | 1000  |
      | FORWARDER_COMMIT_EVERY         | 500   |

  Scenario: The HTTP target is down for 5 seconds at 2,000 messages a second
    When messages are produced continuously to "clicks" at 2,000 per second
    And 3 seconds pass
    And the HTTP target goes down for 5 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And no offset is committed while the HTTP target is down
    And messages of each partition are delivered in order
    And every duplicate is explained by a rewind or a retry

  Scenario: A partition leader is isolated and leadership fails over at 2,000 messages a second
    When messages are produced continuously to "clicks" at 2,000 per second
    And 3 seconds pass
    And a leader of "clicks" other than the group coordinator is isolated for 10 seconds
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order
    And every duplicate is explained by a rewind or a retry

  Scenario: An instance is killed with kill -9 at 2,000 messages a second and restarted
    When messages are produced continuously to "clicks" at 2,000 per second
    And 3 seconds pass
    And SUT instance 1 crashes
    And 5 seconds pass
    And SUT instance 1 is restarted
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order
    And at most 5% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry
