# Seed 004: a Java consumer service reaches Kafka over TLS (certificates made per run, the CA handed
# over in KAFKA_SSL_CA_LOCATION) and must stay at-least-once through an HTTP outage and a broker
# kill — TLS reconnections to new leaders included. @sut:java-forwarder runs the Java consumer
# under `npm run chaos`; `npm run chaos:matrix` runs this feature against every client's TLS option.
@sut:java-forwarder @severity:critical
Feature: A consumer over TLS stays at-least-once through an outage and a broker kill
  Only the system under test's listener speaks TLS: the harness observes and faults the cluster
  in the clear, as in every other run, and Toxiproxy passes the TLS bytes through untouched, so
  the certificate's name is the proxy's address. A consumer that does not trust the run's CA
  never gets that far: it fails to start, an environment failure, not a verdict.

  Background:
    Given a Kafka cluster of 3 brokers that the system under test reaches over TLS
    And a topic "card-payments" with 3 partitions, replication factor 3 and min in-sync replicas 2
    And the HTTP target is up
    And the system under test consumes "card-payments" as group "ledger" and retries on errors

  Scenario: Over TLS, an HTTP outage and a leader killed with kill -9 lose nothing
    When messages are produced continuously to "card-payments" at 100 per second
    And 3 seconds pass
    And the HTTP target goes down for 8 seconds
    And a leader of "card-payments" other than the group coordinator is killed
    And 8 seconds pass
    And every stopped broker is restarted
    And 3 seconds pass
    Then within 90 seconds every produced message is delivered
    And no message is lost
    And no offset is committed while the HTTP target is down
    And no offset is committed before its message is delivered
    And messages of each partition are delivered in order
    And at most 2% of messages are delivered more than once
