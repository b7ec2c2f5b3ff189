// Fault steps: the HTTP target, brokers, the system under test and the links between them.

import * as faults from '../src/scenario/scenario-faults.js';
import type { LinkSpec } from '../src/scenario/parameters.js';
import { defineStep } from './support/define-step.js';

// The HTTP target
defineStep('targetDown', async function () {
  await faults.targetDown(this.session);
});
defineStep('targetDownFor', async function (ms: number) {
  await faults.targetDown(this.session, ms);
});
defineStep('targetBack', async function () {
  await faults.targetBack(this.session);
});
defineStep('targetStatus', async function (status: number) {
  await faults.targetMisbehaves(this.session, 'target-status', { status });
});
defineStep('targetStatusFor', async function (status: number, ms: number) {
  await faults.targetMisbehaves(this.session, 'target-status', { status }, ms);
});
defineStep('targetStatusShare', async function (status: number, fraction: number) {
  await faults.targetMisbehaves(this.session, 'target-status', { status, fraction });
});
defineStep('targetStatusShareFor', async function (status: number, fraction: number, ms: number) {
  await faults.targetMisbehaves(this.session, 'target-status', { status, fraction }, ms);
});
defineStep('targetSlow', async function (delayMs: number) {
  await faults.targetMisbehaves(this.session, 'target-slow', { delayMs });
});
defineStep('targetSlowFor', async function (delayMs: number, ms: number) {
  await faults.targetMisbehaves(this.session, 'target-slow', { delayMs }, ms);
});
defineStep('targetDropsFor', async function (ms: number) {
  await faults.targetMisbehaves(this.session, 'target-drop', { drop: true }, ms);
});
defineStep('targetNormal', async function () {
  await faults.targetNormal(this.session);
});

// Brokers
defineStep('brokerIsolated', async function (id: number) {
  await faults.isolateBroker(this.session, id);
});
defineStep('brokerIsolatedFor', async function (id: number, ms: number) {
  await faults.isolateBroker(this.session, id, ms);
});
defineStep('brokerRejoins', async function (id: number) {
  await faults.brokerRejoins(this.session, id);
});
defineStep('leaderIsolated', async function (partition: number, topic: string) {
  await faults.isolateBroker(this.session, await faults.leaderOf(this.session, topic, partition));
});
defineStep('leaderIsolatedFor', async function (partition: number, topic: string, ms: number) {
  await faults.isolateBroker(this.session, await faults.leaderOf(this.session, topic, partition), ms);
});
defineStep('otherLeaderIsolatedFor', async function (topic: string, ms: number) {
  await faults.isolateBroker(this.session, await faults.leaderOtherThanCoordinator(this.session, topic), ms);
});
defineStep('coordinatorIsolatedFor', async function (ms: number) {
  await faults.isolateBroker(this.session, await faults.coordinatorOf(this.session), ms);
});
defineStep('otherLeaderKilled', async function (topic: string) {
  await faults.killBroker(this.session, await faults.leaderOtherThanCoordinator(this.session, topic));
});
defineStep('coordinatorKilled', async function () {
  await faults.killBroker(this.session, await faults.coordinatorOf(this.session));
});
defineStep('brokerKilled', async function (id: number) {
  await faults.killBroker(this.session, id);
});
defineStep('leaderKilled', async function (partition: number, topic: string) {
  await faults.killBroker(this.session, await faults.leaderOf(this.session, topic, partition));
});
defineStep('brokerRestarted', async function (id: number) {
  await faults.restartBroker(this.session, id);
});
defineStep('stoppedBrokersRestarted', async function () {
  await faults.restartStoppedBrokers(this.session);
});
defineStep('brokerPaused', async function (id: number) {
  await faults.pauseBroker(this.session, id);
});
defineStep('brokerPausedFor', async function (id: number, ms: number) {
  await faults.pauseBroker(this.session, id, ms);
});
defineStep('brokerResumed', async function (id: number) {
  await faults.resumeBroker(this.session, id);
});

// The system under test
defineStep('sutCrashes', async function (index: number) {
  await faults.crashSutInstance(this.session, index);
});
defineStep('sutInstanceRestarted', async function (index: number) {
  await faults.restartSutInstance(this.session, index);
});
defineStep('sutRestarted', async function () {
  await faults.restartSut(this.session);
});
defineStep('forwarderRestarted', async function () {
  await faults.restartSut(this.session);
});
defineStep('sutScales', async function (count: number) {
  await faults.scaleSut(this.session, count);
});

// Links
defineStep('linkCut', async function (link: LinkSpec) {
  await faults.cutLink(this.session, link);
});
defineStep('linkCutFor', async function (link: LinkSpec, ms: number) {
  await faults.cutLink(this.session, link, ms);
});
defineStep('linkLatency', async function (link: LinkSpec, latencyMs: number) {
  await faults.linkToxic(this.session, link, 'latency', { latency: latencyMs, jitter: 0 });
});
defineStep('linkLatencyFor', async function (link: LinkSpec, latencyMs: number, ms: number) {
  await faults.linkToxic(this.session, link, 'latency', { latency: latencyMs, jitter: 0 }, ms);
});
defineStep('linkBandwidth', async function (link: LinkSpec, rate: number) {
  await faults.linkToxic(this.session, link, 'bandwidth', { rate: rate });
});
defineStep('linkBandwidthFor', async function (link: LinkSpec, rate: number, ms: number) {
  await faults.linkToxic(this.session, link, 'bandwidth', { rate: rate }, ms);
});
defineStep('linkReset', async function (link: LinkSpec) {
  await faults.linkToxic(this.session, link, 'reset_peer', { timeout: 0 });
});
defineStep('linkResetFor', async function (link: LinkSpec, ms: number) {
  await faults.linkToxic(this.session, link, 'reset_peer', { timeout: 0 }, ms);
});
defineStep('linkTimeout', async function (link: LinkSpec) {
  await faults.linkToxic(this.session, link, 'timeout', { timeout: 0 });
});
defineStep('linkTimeoutFor', async function (link: LinkSpec, ms: number) {
  await faults.linkToxic(this.session, link, 'timeout', { timeout: 0 }, ms);
});
defineStep('networkHealed', async function () {
  await faults.healNetwork(this.session);
});
