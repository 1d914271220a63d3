import autocannon from 'autocannon';

/**
 * The load generator, run as a child process by load-run.ts so that its own CPU time is not spent on the event loop
 * of the server being measured. Takes its options (headers hold the API key and token, so not argv) as its first IPC
 * message and sends the autocannon result back.
 */
process.once('message', (options: autocannon.Options) => {
  autocannon(options)
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((error: unknown) => {
      console.error('[bench] load client failed:', error);
      process.exit(1);
    });
});
