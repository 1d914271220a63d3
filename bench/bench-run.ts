type Closer = () => Promise<void>;

/** Things to close, in reverse order of opening; one failure must not leave the database server running. */
export class Closers {
  private readonly list: { name: string; close: Closer }[] = [];

  add(name: string, close: Closer): void {
    this.list.push({ name, close });
  }

  async closeAll(): Promise<void> {
    while (this.list.length > 0) {
      const { name, close } = this.list.pop()!;
      await close().catch((error: unknown) => console.error(`Closing ${name} failed:`, error));
    }
  }
}

/** Runs a benchmark's `main`, closing what it opened on success, failure or Ctrl-C, and exits with its status. */
export function runBench(main: (closers: Closers) => Promise<void>): void {
  const closers = new Closers();
  process.once('SIGINT', () => {
    console.log('[bench] Interrupted; closing what was opened');
    void closers.closeAll().finally(() => process.exit(130));
  });
  main(closers)
    .then(async () => {
      await closers.closeAll();
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      console.error('[bench] FAILED:', error);
      await closers.closeAll();
      process.exit(1);
    });
}
