/**
 * Yields what `source` yields, asking it for the next item as soon as one is handed out: reading page n+1 from the
 * platform overlaps the writing of page n. A failed read ahead is thrown when its item is asked for, and a consumer
 * that stops early (an error, a shutdown) leaves nothing running behind it.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // Handled when awaited below; until then a rejection must not count as unhandled.
  next.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        finished = true;
        return;
      }
      next = iterator.next();
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (!finished) {
      await next.catch(() => undefined);
      await iterator.return?.();
    }
  }
}
