# Partitions added to a topic while it is consumed: the group must find them and read them whole.
@severity:critical
Feature: Partitions added to a topic while it is consumed
  Scaling a topic out adds partitions under running consumers. They learn of them at their next
  metadata refresh (the reference forwarder refreshes every 10 seconds; Java's and kafkajs's
  default is 5 minutes) and the group rebalances to assign them. A new partition has no committed
  offset, so the consumer starts it where auto.offset.reset says: from its beginning loses nothing
  of what the producer already wrote there; from the end ("latest") skips it — loss with no
  fault at all. The harness produces to the new partitions from the moment they exist.

  Scenario: The topic grows from 2 to 4 partitions under traffic and the new ones are read from their start
    Given a Kafka cluster of 3 brokers
    And a topic "signups" with 2 partitions
    And the HTTP target is up
    And the forwarder consumes "signups" as group "welcome-mail" and retries on errors
    When messages are produced continuously to "signups" at 100 per second
    And 3 seconds pass
    And the topic "signups" grows to 4 partitions
    And 15 seconds pass
    Then within 30 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And every duplicate is explained by a rewind or a retry
