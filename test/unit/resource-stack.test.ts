// Teardown in reverse order, every step even when one fails.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResourceStack } from '../../src/util/resource-stack.js';

describe('ResourceStack', () => {
  it('runs steps in reverse order, awaiting each, and only once', async () => {
    const order: string[] = [];
    const stack = new ResourceStack();
    stack.defer(() => order.push('a'));
    stack.defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('b');
    });
    stack.defer(() => order.push('c'));
    await stack.disposeAsync();
    assert.deepEqual(order, ['c', 'b', 'a']);
    await stack.disposeAsync();
    assert.deepEqual(order, ['c', 'b', 'a']);
  });

  it('runs every step and rethrows a single failure as is', async () => {
    const order: string[] = [];
    const boom = new Error('boom');
    const stack = new ResourceStack();
    stack.defer(() => order.push('a'));
    stack.defer(() => {
      throw boom;
    });
    stack.defer(() => order.push('c'));
    await assert.rejects(stack.disposeAsync(), (error) => error === boom);
    assert.deepEqual(order, ['c', 'a']);
  });

  it('throws an AggregateError, in teardown order, when several steps fail', async () => {
    const first = new Error('first registered');
    const second = new Error('second registered');
    const ran: string[] = [];
    const stack = new ResourceStack();
    stack.defer(() => {
      throw first;
    });
    stack.defer(() => ran.push('middle'));
    stack.defer(async () => {
      throw second;
    });
    await assert.rejects(stack.disposeAsync(), (error: unknown) => {
      assert.ok(error instanceof AggregateError);
      assert.deepEqual(error.errors, [second, first]);
      return true;
    });
    assert.deepEqual(ran, ['middle']);
  });

  it('move() hands the steps to a new stack and leaves the original empty', async () => {
    const order: string[] = [];
    const stack = new ResourceStack();
    stack.defer(() => order.push('a'));
    stack.defer(() => order.push('b'));
    const moved = stack.move();
    await stack.disposeAsync();
    assert.deepEqual(order, []);
    await moved[Symbol.asyncDispose]();
    assert.deepEqual(order, ['b', 'a']);
  });
});
