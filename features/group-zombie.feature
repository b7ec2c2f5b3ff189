# A consumer frozen past its session timeout: evicted, its partitions given away, then thawed.
@severity:critical
Feature: A consumer paused past its session timeout comes back as a zombie
  A garbage-collection pause, a frozen VM or a stopped container leaves a consumer holding fetched
  records and an HTTP request in flight while the group coordinator gives up on it: after the
  session timeout (10 seconds for the reference forwarder) its partitions move to the other
  instance, which resumes from the last committed offsets. When the frozen one wakes up it still
  believes it owns them. A correct consumer asks before it delivers again (a heartbeat, which
  fails for an evicted member), commits nothing for a generation it no longer belongs to, and
  rejoins. What it delivered before it froze may be delivered again by the new owner — a rewind
  the broker's group history shows; anything it delivers after it lost the partition is a
  zombie's work, and no rewind explains it. A slow sink (500 ms an answer) makes sure the frozen
  instance holds a backlog of fetched records when it freezes; the sink recovers meanwhile, so
  the instance that takes the partitions over has delivered them all before the frozen one wakes.

  Scenario: An instance frozen for 15 seconds under a slow sink is evicted, its partitions move, and it wakes up
    Given a Kafka cluster of 3 brokers
    And a topic "shipments" with 4 partitions
    And the HTTP target is up
    And the system under test consumes "shipments" as group "dispatch" with 2 instances and retries on errors
    When messages are produced continuously to "shipments" at 20 per second
    And the HTTP target answers after 500 ms
    And 5 seconds pass
    And SUT instance 1 is paused
    And the HTTP target answers normally again
    And 15 seconds pass
    And SUT instance 1 is resumed
    And 5 seconds pass
    Then within 60 seconds every produced message is delivered
    And no message is lost
    And no offset is committed before its message is delivered
    And every duplicate is explained by a rewind or a retry
