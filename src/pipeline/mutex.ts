/** Runs async sections one at a time, in call order (the consumer loop and the commit timer share state). */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  run<R>(fn: () => Promise<R>): Promise<R> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
