# Eager and cooperative rebalances under load (librdkafka#3306, #3891, #4220: cooperative-sticky
# rebalances that fail commits or revoke partitions over and over). The same scale-out and
# scale-in, once per assignor, judged by the same claims.
@severity:critical @sut:go-forwarder
Feature: Eager and cooperative rebalances under load lose nothing and explain every duplicate
  The Go reference forwarder (franz-go) — or the client --sut names, e.g. the Java one in the client
  matrix — on six partitions at 200 messages a second, scaled from 2
  instances to 4 and back. With the eager range assignor every member gives up every partition at
  each rebalance and fetches it again from the committed offset; with cooperative-sticky only the
  partitions that move are revoked, in a second round, and the others keep flowing. The forwarder
  lets a rebalance through only between records, after committing what it delivered, and scaled-in
  instances stop with SIGTERM and leave the group: a correct run re-delivers nothing, so any
  duplicate must follow a rewind the broker's group records show or a retried POST, and committed
  offsets never move backwards — a commit that lands after its partition's next owner has begun
  would show as one.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "events" with 6 partitions
    And the HTTP target is up

  Scenario Outline: Scaling from 2 to 4 instances and back at 200 messages a second, <assignor> assignor
    Given the system under test consumes "events" as group "enricher" with 2 instances and env:
      | FORWARDER_ASSIGNOR | <assignor> |
    When messages are produced continuously to "events" at 200 per second
    And 3 seconds pass
    And the system under test scales to 4 instances
    And 6 seconds pass
    And the system under test scales to 2 instances
    And 4 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And committed offsets never go backwards
    And messages of each partition are delivered in order
    And every duplicate is explained by a rewind or a retry
    And no message is delivered more than once

    Examples:
      | assignor           |
      | range              |
      | cooperative-sticky |
