import { lanes } from '../../src/sync/lanes';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('lanes', () => {
  it('runs at most `width` items at a time, taking them in order', async () => {
    const events: string[] = [];
    let running = 0;
    let most = 0;
    await lanes([1, 2, 3, 4, 5], 2, async (item) => {
      running++;
      most = Math.max(most, running);
      events.push(`start ${item}`);
      for (let i = 0; i < item; i++) await tick();
      running--;
    });
    expect(most).toBe(2);
    expect(events).toEqual(['start 1', 'start 2', 'start 3', 'start 4', 'start 5']);
  });

  it('tells the others to stop after a failure, waits for them, and throws the first failure', async () => {
    const seen: Array<[number, boolean]> = [];
    let slowEnded = false;
    const run = lanes([1, 2, 3, 4], 2, async (item, stop) => {
      if (item === 1) {
        for (let i = 0; i < 5; i++) await tick();
        seen.push([item, stop()]);
        slowEnded = true;
        return;
      }
      throw new Error(`item ${item} failed`);
    });
    await expect(run).rejects.toThrow('item 2 failed');
    // Item 1 ran on to its end and saw the stop; items 3 and 4 were never started.
    expect(slowEnded).toBe(true);
    expect(seen).toEqual([[1, true]]);
  });

  it('does nothing without items', async () => {
    const work = jest.fn();
    await lanes([], 2, work);
    expect(work).not.toHaveBeenCalled();
  });
});
