import { addDays } from '../src/sync/meta/meta-insights.store';
import { autocannonInChild, ChildLoadResult } from './autocannon-child';
import {
  accessToken,
  benchDataDir,
  Closers,
  connectBenchAccount,
  countCopy,
  ImportedAccount,
  loadImportedAccount,
  log,
  runImport,
  saveImportedAccount,
  startBenchApp,
  startRssSampler,
  userHeaders,
} from './import-harness';
import { benchAccountShape, FAKE_ACCOUNT_ID, startFakeMetaProcess } from './meta-fake-account';
import { runBench } from './bench-run';
import { loadLine, machineLine, writeSection } from './results-section';

const HEADING = '## Local insights query (npm run bench)';
const CONNECTIONS = 10;
/**
 * Two measured rounds at CONNECTIONS, then one with a single connection (the latency of a request on its own), all
 * without Accept-Encoding; then the same as a client that accepts gzip (browsers, curl --compressed, axios).
 */
const ROUNDS: ReadonlyArray<{ connections: number; gzip: boolean }> = [
  { connections: CONNECTIONS, gzip: false },
  { connections: CONNECTIONS, gzip: false },
  { connections: 1, gzip: false },
  { connections: CONNECTIONS, gzip: true },
  { connections: 1, gzip: true },
];
const WARM_UP_SECONDS = 3;
const MEASURED_SECONDS = 10;
const TARGET_P99_MS = 50;
const DAYS = 90;
/** Reads of distinct ranges one after the other: none is in the cache, each is the first request of its query. */
const FIRST_READS = 30;

/** Latencies (ms, sorted) of reads of ranges starting one day later each: every one misses the answer cache. */
async function firstReads(base: string, since: string, until: string, headers: Record<string, string>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 1; i <= FIRST_READS; i++) {
    const started = performance.now();
    const response = await fetch(`${base}&startDate=${addDays(since, i)}&endDate=${until}`, { headers });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`a first read answered ${response.status}`);
  }
  return latencies.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Round {
  connections: number;
  gzip: boolean;
  result: ChildLoadResult;
  peakRssMb: number;
  load: string;
}

/** The account imported by `npm run bench:import` (kept in BENCH_DATA_DIR), or a new import of the same shape when there is none. */
async function importedAccount(closers: Closers, dataDir: string): Promise<{ account: ImportedAccount; url: string; reused: boolean }> {
  const kept = loadImportedAccount(dataDir);
  if (kept) {
    log(`Reusing the import kept in ${dataDir} (${kept.shape.campaigns} campaigns)`);
    const bench = await startBenchApp(dataDir, undefined, closers, false);
    return { account: kept, url: bench.url, reused: true };
  }
  const shape = benchAccountShape(process.env);
  log(`No kept import in ${dataDir}: importing ${shape.campaigns} campaigns first (npm run bench:import keeps one)`);
  const fake = await startFakeMetaProcess(shape);
  closers.add('Meta fake', () => fake.close());
  const bench = await startBenchApp(dataDir, fake, closers, true);
  const { apiKey, teamId } = await connectBenchAccount(bench.url);
  const measurement = await runImport(bench.url, apiKey, teamId, fake);
  if (measurement.status !== 'succeeded') throw new Error(`the import ended ${measurement.status}: ${JSON.stringify(measurement.error)}`);
  const counts = await countCopy(bench.databaseUrl, teamId);
  const account: ImportedAccount = { apiKey, teamId, adAccountUuid: counts.adAccountUuid, accountId: `act_${FAKE_ACCOUNT_ID}`, shape, until: new Date().toISOString().slice(0, 10) };
  saveImportedAccount(dataDir, account);
  return { account, url: bench.url, reused: false };
}

async function main(closers: Closers): Promise<void> {
  const dataDir = benchDataDir();
  const { account, url, reused } = await importedAccount(closers, dataDir);
  const since = addDays(account.until, -(DAYS - 1));
  const base = `${url}/api/v1/${account.teamId}/meta/insights?adAccountId=${account.accountId}&level=campaign&breakdown=gender`;
  const target = `${base}&startDate=${since}&endDate=${account.until}`;
  const headers = userHeaders(account.apiKey, await accessToken(url, account.apiKey));
  const firstStarted = performance.now();
  const probe = await fetch(target, { headers });
  const body = (await probe.json()) as { data?: unknown[]; meta?: { source?: string } };
  if (probe.status !== 200 || body.meta?.source !== 'local') throw new Error(`the read answered ${probe.status} from ${body.meta?.source}: ${JSON.stringify(body).slice(0, 300)}`);
  const firstMs = performance.now() - firstStarted;
  const rows = body.data?.length ?? 0;
  log(`GET …/meta/insights (campaign, gender, ${since}..${account.until}) answers ${rows} rows from the copy, the first time in ${firstMs.toFixed(1)} ms`);
  const firstLoad = loadLine();
  const first = await firstReads(base, since, account.until, headers);
  log(`${FIRST_READS} first reads of other ranges: p50 ${percentile(first, 50).toFixed(1)} ms, max ${first[first.length - 1].toFixed(1)} ms (load ${firstLoad})`);

  await autocannonInChild(target, headers, CONNECTIONS, WARM_UP_SECONDS);
  const rounds: Round[] = [];
  for (const [i, { connections, gzip }] of ROUNDS.entries()) {
    const load = loadLine();
    const sampler = startRssSampler();
    const result = await autocannonInChild(target, gzip ? { ...headers, 'accept-encoding': 'gzip' } : headers, connections, MEASURED_SECONDS);
    rounds.push({ connections, gzip, result, peakRssMb: sampler.stop(), load });
    log(`round ${i + 1}${gzip ? ' (gzip)' : ''}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms (load ${load})`);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`round ${i + 1}: ${result.non2xx} non-2xx, ${result.errors} errors; RESULTS.md left alone`);
  }
  const worst = (gzip: boolean) => Math.max(...rounds.filter((round) => round.connections === CONNECTIONS && round.gzip === gzip).map((round) => round.result.latencyP99Ms));
  const verdict = (p99: number) => `${p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'} (worst p99 at ${CONNECTIONS} connections ${p99.toFixed(1)} ms)`;
  const lines = [
    `- Date: ${new Date().toISOString()}; Node ${process.version}; ${machineLine()}`,
    `- Data: ${reused ? 'the account imported by the last `npm run bench:import`' : 'an account imported by this run'} ` +
      `(${account.shape.campaigns} campaigns, 90 days of daily campaign insights with 5 breakdowns), on embedded PostgreSQL.`,
    `- Request: \`GET /api/v1/{teamId}/meta/insights?level=campaign&breakdown=gender&startDate=${since}&endDate=${account.until}\` ` +
      `(90 days) answered from the copy (\`meta.source: local\`): ${rows} rows per answer.`,
    `- Load: autocannon in a child process, ${WARM_UP_SECONDS} s warm-up (discarded), then rounds of ${MEASURED_SECONDS} s with ${ROUNDS.map((r) => `${r.connections}${r.gzip ? ' gzip' : ''}`).join(', ')} connections ` +
      '(gzip: the request says `Accept-Encoding: gzip`). Peak RSS is of the app process (PostgreSQL and autocannon not counted). LOG_LEVEL=warn.',
    '',
    '| round | connections | Accept-Encoding | load avg (1/5/15 min) | requests/s | p50 (ms) | p99 (ms) | peak RSS (MB) |',
    '| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (round, i) =>
        `| ${i + 1} | ${round.connections} | ${round.gzip ? 'gzip' : '(none)'} | ${round.load} | ${round.result.requestsPerSecond.toFixed(1)} | ${round.result.latencyP50Ms.toFixed(1)} | ${round.result.latencyP99Ms.toFixed(1)} | ${round.peakRssMb.toFixed(0)} |`,
    ),
    '',
    `Target: p99 < ${TARGET_P99_MS} ms — without Accept-Encoding ${verdict(worst(false))}; with gzip ${verdict(worst(true))}`,
    '',
    `First requests (the answer not yet cached, one at a time, load avg ${firstLoad}): the probe above ${firstMs.toFixed(1)} ms (bench process's fetch, body parsed); ` +
      `${FIRST_READS} other ranges (starting 1..${FIRST_READS} days later, same end): p50 ${percentile(first, 50).toFixed(1)} ms, p90 ${percentile(first, 90).toFixed(1)} ms, max ${first[first.length - 1].toFixed(1)} ms.`,
  ];
  console.log(['', ...lines, ''].join('\n'));
  if (process.env.BENCH_NO_WRITE) return;
  writeSection(HEADING, lines);
  log('Wrote the section to bench/RESULTS.md');
}

runBench(main);
