/**
 * Runs `work` on each item, at most `width` at a time, taking items in order. Once one fails, the others are told to
 * stop (`stop()` turns true; each ends what it is writing), and the first failure is thrown after all have ended, so
 * nothing runs on behind a failed step.
 */
export async function lanes<T>(items: readonly T[], width: number, work: (item: T, stop: () => boolean) => Promise<void>): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | undefined;
  const stop = () => failure !== undefined;
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined && !stop(); item = queue.shift()) {
      try {
        await work(item, stop);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, queue.length)) }, lane));
  if (failure) throw failure.error;
}
