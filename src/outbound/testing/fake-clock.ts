// Virtual time for tests and benchmarks: sleeping never waits. Whenever every promise chain is blocked on a
// sleep (the macrotask queue is reached), the clock jumps to the earliest timer and fires it.
// Only valid when the code under test waits on nothing but this clock (no real I/O or timers).
import type { Clock } from '../clock.js';

interface Timer {
  at: number;
  seq: number;
  fire: () => void;
}

export class FakeClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  #pumping = false;

  constructor(startMs = 0) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const timer: Timer = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
      this.#schedulePump();
    });
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  #schedulePump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    setImmediate(() => {
      this.#pumping = false;
      if (this.#timers.length === 0) return;
      let next = 0;
      for (let i = 1; i < this.#timers.length; i++) {
        const a = this.#timers[i];
        const b = this.#timers[next];
        if (a !== undefined && b !== undefined && (a.at < b.at || (a.at === b.at && a.seq < b.seq))) next = i;
      }
      const [timer] = this.#timers.splice(next, 1);
      if (timer !== undefined) {
        this.#now = Math.max(this.#now, timer.at);
        timer.fire();
      }
      if (this.#timers.length > 0) this.#schedulePump();
    });
  }
}
