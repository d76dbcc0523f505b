import { describe, expect, it } from 'vitest';
import { withTimeout } from '../../src/print/browser.js';

/** Keeps Node's main thread busy for `ms`, as a long synchronous stage would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('withTimeout', () => {
  it('does not count time in which Node itself was busy', async () => {
    const answer = new Promise<string>((resolve) => setTimeout(() => resolve('answered'), 50));
    const waiting = withTimeout(answer, 500, 'it did not answer within 0.5 s');
    busy(1500);
    await expect(waiting).resolves.toBe('answered');
  });

  it('times out after the time it waited, and says how long Node was busy', async () => {
    const waiting = withTimeout(new Promise(() => {}), 500, 'it did not answer within 0.5 s');
    setTimeout(() => busy(1500), 100);
    await expect(waiting).rejects.toThrow(
      /^it did not answer within 0\.5 s \(and Node's main thread was busy for [12] s more\)$/,
    );
  });
});
