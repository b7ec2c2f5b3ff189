# Seed 004: a Java consumer service on the official client (kafka-clients, as inside Spring), and
# its question: is auto-commit safe here? The same stop-on-error pipeline as seed 000, in Java.
@selftest @severity:critical
Feature: A Java consumer stops on an HTTP outage without committing what it did not deliver
  The Java reference forwarder (kafka-clients 4.4.0) commits with commitSync after each 2xx and,
  on an HTTP error, stops (exit 3) without committing anything more; restarted after the outage
  it resumes from the failed record. With FORWARDER_COMMIT=auto the same service looks just as
  safe — it processes synchronously inside its poll loop — until it stops: closing the consumer
  commits the position poll() handed out, past the record the server refused. `npm run
  chaos:selftest` runs these scenarios with auto-commit and must see "Unsafe offset commit", then
  "Message loss" after the restart.

  Background:
    Given a Kafka cluster of 3 brokers
    And a topic "invoices" with 2 partitions
    And the HTTP target is up
    And the system under test "java-forwarder" consumes "invoices" as group "accounting" with env:
      | FORWARDER_ON_ERROR | stop |

  Scenario: An unreachable HTTP server stops the Java consumer without a commit
    Given 5 messages are produced to "invoices"
    And within 30 seconds every produced message is delivered
    When the HTTP target goes down
    And 1 more message is produced to "invoices"
    Then within 30 seconds the system under test has stopped
    And no offset is committed while the HTTP target is down
    And 1 message is waiting in "invoices" to be consumed

  Scenario: Restarted after the outage, the Java consumer delivers the message that stopped it
    Given the HTTP target goes down
    And 1 message is produced to "invoices"
    And within 30 seconds the system under test has stopped
    When the HTTP target comes back
    And the system under test is restarted
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And the group has committed up to the log end of every partition
    And no offset is committed while the HTTP target is down
