# A correct forwarder that commits every 3 seconds, killed: the duplicates a commit interval brings.
@severity:critical
Feature: A forwarder committing every few seconds is killed and restarted
  Production consumers commit on an interval, not per record. Killed between two commits, such a
  forwarder has delivered records the group never committed, and its restart delivers them
  again, every one legitimately. (This one commits every 3 seconds and, as kafkajs does with
  auto-commit, at the end of each fetched batch: at 100 messages a second a handful; at 2,000 a
  second hundreds — production-rates.feature.) A fixed share cannot judge that — 2% fails a
  correct sink when the crash lands late in a long interval, and passes a broken one below it.
  What a correct sink cannot do is duplicate without a cause: each extra delivery must follow a
  rewind the broker's group history shows (its partition changed owner while the committed
  offset was at or below the message) or a failed or slow attempt. Double-sending every record,
  say, has neither.

  Scenario: Killed with kill -9 between two commits, restarted, every duplicate explained
    Given a Kafka cluster of 3 brokers
    And a topic "views" with 3 partitions
    And the HTTP target is up
    And the system under test "forwarder" consumes "views" as group "batched-views" with env:
      | FORWARDER_ON_ERROR           | retry |
      | FORWARDER_COMMIT_INTERVAL_MS | 3000  |
    When messages are produced continuously to "views" at 100 per second
    And 5 seconds pass
    And SUT instance 1 crashes
    And 3 seconds pass
    And SUT instance 1 is restarted
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And every duplicate is explained by a rewind or a retry
