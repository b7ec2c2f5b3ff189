// Teardown in reverse order of setup, all of it even when a step fails — the part of
// AsyncDisposableStack the harness needs (Node 20 has the symbols but not the class).

export class ResourceStack implements AsyncDisposable {
  private steps: Array<() => Promise<unknown> | unknown> = [];

  /** Registers a teardown step; the last registered runs first. */
  defer(step: () => Promise<unknown> | unknown): void {
    this.steps.push(step);
  }

  /** Hands every registered step to a new stack and empties this one (setup succeeded). */
  move(): ResourceStack {
    const moved = new ResourceStack();
    moved.steps = this.steps;
    this.steps = [];
    return moved;
  }

  async disposeAsync(): Promise<void> {
    const steps = this.steps.reverse();
    this.steps = [];
    const errors: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} teardown steps failed`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.disposeAsync();
  }
}
