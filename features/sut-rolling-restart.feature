# A rolling deployment of the consumer service: every instance restarted once, one at a time.
@severity:critical
Feature: A rolling restart of the consumer service loses nothing
  Deploying a new version restarts each instance in turn. Every stop (SIGTERM) makes the group
  rebalance twice — once when the instance leaves, once when it returns — and every partition that
  moves resumes from its last committed offset. A consumer that commits what it delivered before
  it leaves redelivers almost nothing; none may lose a message, and every redelivery must follow
  a rewind the broker's group history shows.

  Scenario: Three instances restarted one at a time under traffic
    Given a Kafka cluster of 3 brokers
    And a topic "invoices" with 6 partitions
    And the HTTP target is up
    And the system under test consumes "invoices" as group "billing-sync" with 3 instances and retries on errors
    When messages are produced continuously to "invoices" at 100 per second
    And 3 seconds pass
    And the system under test is restarted one instance at a time
    And 3 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And every duplicate is explained by a rewind or a retry
