// Work on items as they are added, at most `concurrency` at once, in the order added. Unlike p-limit, an
// item waiting costs only its place in an array (no promise or closure each): the audit queues every
// account the walk finds, 50,000 of them minutes before most are audited.

export class BoundedQueue<T> {
  private readonly waiting: Array<T | undefined> = [];
  private next = 0;
  private running = 0;
  private readonly drained: Array<() => void> = [];
  private roomWaiters: Array<{ count: number; resolve: () => void }> = [];

  /** `work` must not reject: it handles its own errors. */
  constructor(
    private readonly concurrency: number,
    private readonly work: (item: T) => Promise<void>,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, not ${concurrency}`);
  }

  add(item: T): void {
    this.waiting.push(item);
    this.pump();
  }

  /** Items added and not yet started. */
  get waitingCount(): number {
    return this.waiting.length - this.next;
  }

  /** Resolves once fewer than `count` items wait (at once if they already do). */
  room(count: number): Promise<void> {
    if (this.waitingCount < count) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ count, resolve }));
  }

  /** Resolves once nothing waits or runs (items added meanwhile are waited for too). */
  idle(): Promise<void> {
    if (this.running === 0 && this.next === this.waiting.length) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.next < this.waiting.length) {
      const item = this.waiting[this.next] as T;
      // The queue lets go of an item once it starts.
      this.waiting[this.next++] = undefined;
      this.running++;
      void this.work(item).then(() => {
        this.running--;
        this.pump();
      });
    }
    if (this.roomWaiters.length > 0) {
      const waiting = this.waitingCount;
      const ready = this.roomWaiters.filter((w) => waiting < w.count);
      this.roomWaiters = this.roomWaiters.filter((w) => waiting >= w.count);
      for (const w of ready) w.resolve();
    }
    if (this.next === this.waiting.length) {
      this.waiting.length = 0;
      this.next = 0;
      if (this.running === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }
}
