import autocannon from 'autocannon';

/**
 * The load generator, run as a child process by load-run.ts so that its own CPU time is not spent on the event loop
 * of the server being measured. Reads its options as JSON from argv[2] and sends the autocannon result to the parent.
 */
async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options;
  const result = await autocannon(options);
  process.send!(result, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error('[bench] load client failed:', error);
  process.exit(1);
});
