/**
 * Bounds the requests in flight to one integration. Pulumi runs many resource
 * operations at once (`--parallel`), and Proctor publishes no rate limit, so the
 * provider holds itself to a fixed number of concurrent upserts per integration.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays exact.
      if (next) next();
      else this.active--;
    }
  }
}
