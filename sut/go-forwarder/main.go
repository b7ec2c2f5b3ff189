// A reference system under test for kafka-chaos (docs/sut-contract.md) in Go, on franz-go: a
// Kafka→HTTP forwarder that is correctly at-least-once whatever the group does to it. It POSTs each
// record's value to TARGET_URL with the record's headers (so `chaos-id` reaches the target),
// retries a failed POST with capped exponential backoff for as long as it owns the partition (or
// stops on it, below), and commits offset+1 synchronously only after a 2xx. One record at a time
// keeps each partition in order. What makes it interesting to the harness are the group options
// users run:
//
//	FORWARDER_ASSIGNOR            range (eager, the default) | cooperative-sticky
//	FORWARDER_STATIC              true: a static member, group.instance.id "instance-$SUT_INSTANCE"
//	FORWARDER_SESSION_TIMEOUT_MS  session timeout (default 10000)
//	FORWARDER_GROUP_PROTOCOL      classic (default) | consumer (KIP-848, Kafka 4.x; range or sticky only)
//
// Rebalances happen only between polls (BlockRebalanceOnPoll): a poll's records are worked on
// while the group cannot take their partitions away, so none is delivered after its partition
// moved and every commit is made in the generation that owns it. When the group wants to
// rebalance meanwhile (OnPartitionsCallbackBlocked), the work stops at the next record boundary
// or retry: each partition's undelivered rest is rewound (SetOffsets, as franz-go advises, while
// no revoke can run) and the rebalance is let through. A partition that stays is resumed from its
// first undelivered record; one that moves is resumed by its next owner from the committed offset.
// With FORWARDER_ON_ERROR=stop (seed 000's pipeline) the first failed POST stops it instead: the
// record and everything after it stay uncommitted, and it exits 3.
// KAFKA_SECURITY_PROTOCOL=SSL with KAFKA_SSL_CA_LOCATION: TLS to the brokers (tls.go).
// Exit: 0 stopped by SIGTERM/SIGINT, 1 a shutdown that hung or the brokers' certificate not trusted,
// 2 bad configuration, 3 stopped on an HTTP error.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

type forwarder struct {
	cfg    config
	client *kgo.Client
	post   *poster
	// rebalanceWaiting: the group wants to rebalance and waits for this poll's work to stop.
	rebalanceWaiting atomic.Bool
	// stoppedOnError: with FORWARDER_ON_ERROR=stop, a POST failed; nothing more is delivered or committed.
	stoppedOnError bool
}

func main() {
	cfg := loadConfig()
	f := &forwarder{cfg: cfg, post: newPoster(cfg)}
	tlsCfg := tlsConfig(cfg)
	checkTrust(cfg, tlsCfg)
	client, err := kgo.NewClient(f.clientOptions(tlsCfg)...)
	if err != nil {
		fail(2, "the Kafka client options are invalid: %v", err)
	}
	f.client = client

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		<-ctx.Done()
		// A hung close must not outlive the harness's patience: it sends SIGKILL after its own timeout.
		time.AfterFunc(12*time.Second, func() { fail(1, "shutdown did not finish within 12 s") })
	}()
	code := f.run(ctx)
	// A static member does not leave the group on close (its instance id keeps its partitions for
	// a session timeout); a dynamic one does, and its partitions move at once.
	client.CloseAllowingRebalance()
	emit("shutdown", fields{"instance": cfg.instance, "exitCode": code})
	os.Exit(code)
}

func (f *forwarder) clientOptions(tlsCfg *tls.Config) []kgo.Opt {
	c := f.cfg
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.bootstrap...),
		kgo.ClientID("kafka-chaos-go-forwarder-" + c.instance),
		kgo.ConsumerGroup(c.group),
		kgo.ConsumeTopics(c.topics...),
		kgo.DisableAutoCommit(), // we commit, and only what the target accepted
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.SessionTimeout(c.sessionTimeout),
		kgo.HeartbeatInterval(c.sessionTimeout / 5),
		kgo.Balancers(c.balancer),
		kgo.BlockRebalanceOnPoll(),
		kgo.OnPartitionsCallbackBlocked(func(context.Context, *kgo.Client) { f.rebalanceWaiting.Store(true) }),
		kgo.OnPartitionsAssigned(f.onAssigned),
		kgo.OnPartitionsRevoked(f.onTakenAway("revoked")),
		kgo.OnPartitionsLost(f.onTakenAway("lost")),
	}
	if tlsCfg != nil {
		opts = append(opts, kgo.DialTLSConfig(tlsCfg))
	}
	if c.static {
		opts = append(opts, kgo.InstanceID("instance-"+c.instance))
	}
	if c.groupProtocol == "consumer" {
		opts = append(opts, kgo.ServerSideBalancer())
	}
	return opts
}

func (f *forwarder) onAssigned(_ context.Context, cl *kgo.Client, assigned map[string][]int32) {
	emit("ready", fields{
		"instance": f.cfg.instance, "groupId": f.cfg.group, "topics": f.cfg.topics, "mode": "correct",
		"assignor": f.cfg.assignor, "static": f.cfg.static, "assigned": describe(assigned),
	})
}

// onTakenAway runs only between polls: nothing is in flight and every delivered record is
// committed, so there is nothing to finish or commit.
func (f *forwarder) onTakenAway(how string) func(context.Context, *kgo.Client, map[string][]int32) {
	return func(_ context.Context, _ *kgo.Client, gone map[string][]int32) {
		emit(how, fields{"instance": f.cfg.instance, "partitions": describe(gone)})
	}
}

func (f *forwarder) run(ctx context.Context) int {
	for ctx.Err() == nil {
		fetches := f.client.PollRecords(ctx, 500)
		if fetches.IsClientClosed() || ctx.Err() != nil {
			return 0
		}
		// Fetch errors are the client's to retry (a broker down, a leader moving); they are logged.
		fetches.EachError(func(topic string, partition int32, err error) {
			if !errors.Is(err, context.Canceled) {
				logf("kafka: %s[%d]: %v", topic, partition, err)
			}
		})
		rewind := map[string]map[int32]kgo.EpochOffset{}
		fetches.EachPartition(func(p kgo.FetchTopicPartition) {
			for _, record := range p.Records {
				if f.stoppedOnError {
					return
				}
				if !f.deliver(ctx, record) {
					if rewind[p.Topic] == nil {
						rewind[p.Topic] = map[int32]kgo.EpochOffset{}
					}
					rewind[p.Topic][p.Partition] = kgo.EpochOffset{Epoch: -1, Offset: record.Offset}
					return
				}
			}
		})
		if f.stoppedOnError {
			return 3 // nothing past the failed record was committed; the client closes without committing
		}
		if len(rewind) > 0 && ctx.Err() == nil {
			f.client.SetOffsets(rewind)
		}
		f.rebalanceWaiting.Store(false)
		f.client.AllowRebalance()
	}
	return 0
}

// stopWork: the rest of this poll's records wait (we stop, or the group waits to rebalance).
func (f *forwarder) stopWork(ctx context.Context) bool {
	return ctx.Err() != nil || f.rebalanceWaiting.Load()
}

// deliver POSTs the record until a 2xx, then commits it; false when the work stopped first.
// A delivered record is committed even while a rebalance waits (this generation still owns it):
// re-delivered by this same member after the rebalance, it would be a duplicate nothing explains.
// Only a commit that keeps failing (the coordinator unreachable) gives way after a few attempts.
func (f *forwarder) deliver(ctx context.Context, record *kgo.Record) bool {
	where := fields{"topic": record.Topic, "partition": record.Partition, "offset": record.Offset}
	postStops := func(int) bool { return f.stopWork(ctx) }
	// A record delivered as the process is told to stop still gets one commit attempt: skipping it
	// handed the partition's next owner a record that already had its 2xx (a scale-in duplicate).
	commitStops := func(attempt int) bool {
		return attempt > 1 && ctx.Err() != nil || attempt > 3 && f.rebalanceWaiting.Load()
	}
	// An attempt already under way is finished, not cancelled, when SIGTERM arrives (the client's
	// timeout bounds it): cut off, a POST the target had answered 2xx stayed uncommitted, and the
	// partition's next owner sent it again (a scale-in duplicate on Kafka 4.4.0, p5@367).
	post := func() error { return f.post.send(context.WithoutCancel(ctx), record, f.cfg.instance) }
	if f.cfg.stopOnError {
		// Seed 000's pipeline: the first failed POST stops it, uncommitted, for a person to look at.
		if err := post(); err != nil {
			emit("stopped-on-error", merge(where, fields{"error": err.Error()}))
			f.stoppedOnError = true
			return false
		}
	} else if !f.persist(ctx, where, "post", postStops, post) {
		return false
	}
	return f.persist(ctx, where, "commit", commitStops, func() error { return f.commit(ctx, record) })
}

// persist runs one step with capped exponential backoff until it succeeds (true) or stops says
// the work stops (false). A POST already sent is not abandoned: stopping is seen between attempts.
func (f *forwarder) persist(ctx context.Context, where fields, name string, stops func(attempt int) bool, step func() error) bool {
	delay := f.cfg.retryInitial
	for attempt := 1; ; attempt++ {
		if stops(attempt) {
			if attempt > 1 {
				reason := map[bool]string{true: "shutdown", false: "rebalance"}[ctx.Err() != nil]
				emit("record-abandoned", merge(where, fields{"step": name, "reason": reason, "attempts": attempt - 1}))
			}
			return false
		}
		err := step()
		if err == nil {
			return true
		}
		emit("retrying", merge(where, fields{"step": name, "attempt": attempt, "delayMs": delay.Milliseconds(), "error": err.Error()}))
		f.sleep(ctx, delay)
		delay = min(delay*2, f.cfg.retryMax)
	}
}

// sleep waits d in short slices, ending early when the work stops.
func (f *forwarder) sleep(ctx context.Context, d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) && !f.stopWork(ctx) {
		time.Sleep(min(50*time.Millisecond, time.Until(deadline)))
	}
}

// commit commits offset+1 of a delivered record, bounded. One that cannot land is retried; if the
// group moves the partition meanwhile, its next owner re-delivers the record (a duplicate, never a loss).
// Its own bound, not the run's context: on shutdown that context is already cancelled, and the
// commit of a record delivered just before must still be sent (main's 12 s deadline bounds it).
func (f *forwarder) commit(_ context.Context, record *kgo.Record) error {
	commitCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := f.client.CommitRecords(commitCtx, record); err != nil {
		return fmt.Errorf("commit failed: %w", err)
	}
	return nil
}
