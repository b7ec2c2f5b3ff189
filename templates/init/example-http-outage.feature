# Written by `kafka-chaos init`: the seed story, run against the one system under test that
# kafka-chaos.config.json declares. `npx kafka-chaos steps` lists every step you can use.
@smoke
Feature: No message is lost while the HTTP target is down
  A Kafka consumer that forwards each message over HTTP must not commit an offset for a message
  the HTTP target has not accepted: an outage may delay messages, never lose them. Once the
  target is back, every message produced during the outage is delivered.

  Scenario: Messages produced during an HTTP outage are all delivered once the target is back
    Given a Kafka cluster of 3 brokers
    And a topic "orders" with 3 partitions
    And the HTTP target is up
    And the system under test consumes "orders" as group "my-service"
    When the HTTP target goes down
    And 100 messages are produced to "orders"
    And 10 seconds pass
    Then no offset is committed while the HTTP target is down
    When the HTTP target comes back
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed while the HTTP target is down
    And no offset is committed before its message is delivered
