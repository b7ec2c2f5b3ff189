# Static membership (KIP-345): a consumer with a group.instance.id keeps its partitions across a
# restart that is shorter than its session timeout — no rebalance — and gives them up, through a
# rebalance, only when it stays away longer. kafka#11559: static members that stop consuming
# after such a restart.
@severity:critical @sut:go-forwarder
Feature: A static member restarts without a rebalance, or with one when it stays away too long
  A static consumer — the Go reference forwarder (franz-go) unless --sut names another, e.g. the
  Java one in the client matrix — with group.instance.id "instance-<n>" and a 15-second session
  timeout; two instances share four partitions. Killed with kill -9, an instance
  neither leaves nor commits what it has delivered since its last commit. It commits after each
  2xx, one record at a time, so at most one delivered message is not yet committed when it dies:
  at most one duplicate per crash, and it is a rewind the broker's records show (the restarted
  member's new member id takes over the same partitions). Within the session timeout the group
  keeps its generation: the partitions wait for their owner and nothing moves. Beyond it the
  broker evicts the member (a rebalance), and its return is a second one.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "payments" with 4 partitions
    And the HTTP target is up
    And the system under test consumes "payments" as group "ledger" with 2 instances and env:
      | FORWARDER_STATIC             | true  |
      | FORWARDER_SESSION_TIMEOUT_MS | 15000 |

  Scenario: Restarted within its session timeout, a static member keeps its partitions
    When messages are produced continuously to "payments" at 100 per second
    And 3 seconds pass
    And SUT instance 1 crashes
    And 4 seconds pass
    And SUT instance 1 is restarted
    And 4 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And the group does not rebalance once it is ready
    And at most 1 message is delivered more than once
    And every duplicate is explained by a rewind or a retry

  Scenario: Away longer than its session timeout, a static member is evicted and rejoins
    When messages are produced continuously to "payments" at 100 per second
    And 3 seconds pass
    And SUT instance 1 crashes
    And 20 seconds pass
    And SUT instance 1 is restarted
    And 4 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And the group rebalances at most 2 times once it is ready
    And at most 1 message is delivered more than once
    And every duplicate is explained by a rewind or a retry
