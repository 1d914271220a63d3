import { readAhead } from '../../src/sync/read-ahead';

/** A source that records when each item was asked for and when the previous one was released by the consumer. */
function tracedSource(count: number, events: string[], failAt?: number) {
  return (async function* () {
    for (let i = 0; i < count; i++) {
      events.push(`read ${i}`);
      await new Promise((resolve) => setImmediate(resolve));
      if (i === failAt) throw new Error(`read ${i} failed`);
      yield i;
    }
  })();
}

describe('readAhead', () => {
  it('yields every item in order and starts reading the next one before the consumer is done with the current', async () => {
    const events: string[] = [];
    const seen: number[] = [];
    for await (const item of readAhead(tracedSource(3, events))) {
      events.push(`work ${item} start`);
      await new Promise((resolve) => setImmediate(resolve));
      events.push(`work ${item} end`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(events.indexOf('read 1')).toBeLessThan(events.indexOf('work 0 end'));
    expect(events.indexOf('read 2')).toBeLessThan(events.indexOf('work 1 end'));
  });

  it('throws a failed read ahead when its item is asked for, after the items before it', async () => {
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(tracedSource(5, [], 2))) seen.push(item);
      })(),
    ).rejects.toThrow('read 2 failed');
    expect(seen).toEqual([0, 1]);
  });

  it('closes the source when the consumer stops early, after the read in flight settles', async () => {
    let closed = false;
    const source = (async function* () {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    })();
    await expect(
      (async () => {
        for await (const item of readAhead(source)) if (item === 1) throw new Error('consumer failed');
      })(),
    ).rejects.toThrow('consumer failed');
    expect(closed).toBe(true);
  });

  it('handles an empty source', async () => {
    const seen: unknown[] = [];
    for await (const item of readAhead((async function* () {})())) seen.push(item);
    expect(seen).toEqual([]);
  });
});
