# Forwarder instances crash, come back and join: each time the group rebalances.
@selftest @severity:critical
Feature: Forwarder instances crash and join while messages flow
  A crashed instance's partitions move to the others once its session expires, and they resume
  from the last committed offsets: a record delivered but not yet committed is delivered again.
  Such duplicates are bounded; a lost message never is. And each has a cause: the broker's group
  history shows the partition moving (or an eager generation change) while its committed offset
  was at or below the message — a duplicate without one is a bug, whatever the count.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "clicks" with 4 partitions
    And the HTTP target is up
    And the system under test consumes "clicks" as group "clickstream" with 2 instances and retries on errors

  Scenario: An instance is killed with kill -9 and restarted
    When messages are produced continuously to "clicks" at 100 per second
    And 3 seconds pass
    And SUT instance 1 crashes
    And 5 seconds pass
    And SUT instance 1 is restarted
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry

  Scenario: Scaling out and back in forces rebalances without losing a message
    When messages are produced continuously to "clicks" at 100 per second
    And 3 seconds pass
    And the system under test scales to 4 instances
    And 6 seconds pass
    And the system under test scales to 2 instances
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And at most 2% of messages are delivered more than once
    And every duplicate is explained by a rewind or a retry
