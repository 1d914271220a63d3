import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addDays } from '../src/sync/meta/meta-insights.store';
import { autocannonInChild } from './autocannon-child';
import { httpLoadInChild, httpSequenceInChild } from './http-load';
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
type Client = 'node:http' | 'autocannon';
/**
 * Measured rounds: Node's HTTP client (see http-load-child.ts) at CONNECTIONS and at one connection, without
 * Accept-Encoding and then as a client that accepts gzip (browsers, curl --compressed, axios); then autocannon at
 * CONNECTIONS for comparison with earlier runs (it decodes every answer into a string, which costs it more than the
 * server's work for a gzip answer).
 */
const ROUNDS: ReadonlyArray<{ client: Client; connections: number; gzip: boolean }> = [
  { client: 'node:http', connections: CONNECTIONS, gzip: false },
  { client: 'node:http', connections: CONNECTIONS, gzip: false },
  { client: 'node:http', connections: 1, gzip: false },
  { client: 'node:http', connections: CONNECTIONS, gzip: true },
  { client: 'node:http', connections: CONNECTIONS, gzip: true },
  { client: 'node:http', connections: 1, gzip: true },
  { client: 'autocannon', connections: CONNECTIONS, gzip: false },
  { client: 'autocannon', connections: CONNECTIONS, gzip: true },
];
const WARM_UP_SECONDS = 3;
const MEASURED_SECONDS = 10;
const TARGET_P99_MS = 50;
const DAYS = 90;
/** Reads of distinct ranges one after the other: none is in the cache, each is the first request of its query. */
const FIRST_READS = 30;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Round {
  client: Client | 'bare node:http server';
  connections: number;
  gzip: boolean;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  bytesPerAnswer?: number;
  peakRssMb?: number;
  load: string;
}

async function measureRound(client: Client, target: string, headers: Record<string, string>, connections: number): Promise<Omit<Round, 'client' | 'gzip' | 'load' | 'connections'>> {
  const sampler = startRssSampler();
  if (client === 'autocannon') {
    const result = await autocannonInChild(target, headers, connections, MEASURED_SECONDS);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon: ${result.non2xx} non-2xx, ${result.errors} errors; RESULTS.md left alone`);
    return { requestsPerSecond: result.requestsPerSecond, p50: result.latencyP50Ms, p99: result.latencyP99Ms, peakRssMb: sampler.stop() };
  }
  const result = await httpLoadInChild({ url: target, headers, connections, durationSeconds: MEASURED_SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`node:http: ${result.non2xx} non-2xx, ${result.errors} errors; RESULTS.md left alone`);
  return { requestsPerSecond: result.requestsPerSecond, p50: result.latencyP50Ms, p99: result.latencyP99Ms, bytesPerAnswer: result.bytesPerAnswer, peakRssMb: sampler.stop() };
}

/**
 * The most this machine allows at CONNECTIONS for answers of this size: a bare node:http server in this process
 * writing the same bytes (one buffer, no framework, no database), measured by the same client.
 */
async function bareServerRound(body: Buffer): Promise<Round> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await httpLoadInChild({ url, headers: {}, connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS });
    const load = loadLine();
    const result = await httpLoadInChild({ url, headers: {}, connections: CONNECTIONS, durationSeconds: MEASURED_SECONDS });
    return { client: 'bare node:http server', connections: CONNECTIONS, gzip: false, requestsPerSecond: result.requestsPerSecond, p50: result.latencyP50Ms, p99: result.latencyP99Ms, bytesPerAnswer: result.bytesPerAnswer, load };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
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
  const text = await probe.text();
  const firstMs = performance.now() - firstStarted;
  const body = JSON.parse(text) as { data?: unknown[]; meta?: { source?: string } };
  if (probe.status !== 200 || body.meta?.source !== 'local') throw new Error(`the read answered ${probe.status} from ${body.meta?.source}: ${text.slice(0, 300)}`);
  const rows = body.data?.length ?? 0;
  log(`GET …/meta/insights (campaign, gender, ${since}..${account.until}) answers ${rows} rows from the copy, the first time in ${firstMs.toFixed(1)} ms`);

  const firstLoad = loadLine();
  const firstUrls = Array.from({ length: FIRST_READS }, (_, i) => `${base}&startDate=${addDays(since, i + 1)}&endDate=${account.until}`);
  const sequence = await httpSequenceInChild({ urls: firstUrls, headers });
  if (sequence.non2xx > 0 || sequence.errors > 0) throw new Error(`first reads: ${sequence.non2xx} non-2xx, ${sequence.errors} errors`);
  const first = [...sequence.latenciesMs].sort((a, b) => a - b);
  log(`${FIRST_READS} first reads of other ranges: p50 ${percentile(first, 50).toFixed(1)} ms, p99 ${percentile(first, 99).toFixed(1)} ms (load ${firstLoad})`);

  await httpLoadInChild({ url: target, headers, connections: CONNECTIONS, durationSeconds: WARM_UP_SECONDS });
  await httpLoadInChild({ url: target, headers: { ...headers, 'accept-encoding': 'gzip' }, connections: CONNECTIONS, durationSeconds: 1 });
  const rounds: Round[] = [];
  for (const [i, { client, connections, gzip }] of ROUNDS.entries()) {
    const load = loadLine();
    const measured = await measureRound(client, target, gzip ? { ...headers, 'accept-encoding': 'gzip' } : headers, connections);
    rounds.push({ client, connections, gzip, load, ...measured });
    log(`round ${i + 1} (${client}, ${connections} conn.${gzip ? ', gzip' : ''}): ${measured.requestsPerSecond.toFixed(1)} req/s, p50 ${measured.p50.toFixed(1)} ms, p99 ${measured.p99.toFixed(1)} ms (load ${load})`);
  }
  const bare = await bareServerRound(Buffer.from(text));
  rounds.push(bare);
  log(`bare server, same bytes: ${bare.requestsPerSecond.toFixed(1)} req/s, p50 ${bare.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} ms`);

  const worst = (connections: number, gzip: boolean) => Math.max(...rounds.filter((round) => round.client === 'node:http' && round.connections === connections && round.gzip === gzip).map((round) => round.p99));
  const verdict = (connections: number, gzip: boolean) => {
    const p99 = worst(connections, gzip);
    return `${connections} connection${connections > 1 ? 's' : ''} ${p99 < TARGET_P99_MS ? 'MET' : 'NOT MET'} (worst p99 ${p99.toFixed(1)} ms)`;
  };
  const lines = [
    `- Date: ${new Date().toISOString()}; Node ${process.version}; ${machineLine()}`,
    `- Data: ${reused ? 'the account imported by the last `npm run bench:import`' : 'an account imported by this run'} ` +
      `(${account.shape.campaigns} campaigns, 90 days of daily campaign insights with 5 breakdowns), on embedded PostgreSQL.`,
    `- Request: \`GET /api/v1/{teamId}/meta/insights?level=campaign&breakdown=gender&startDate=${since}&endDate=${account.until}\` ` +
      `(90 days) answered from the copy (\`meta.source: local\`): ${rows} rows, ${Buffer.byteLength(text)} bytes per answer.`,
    `- Load: a closed-loop client in a child process, ${WARM_UP_SECONDS} s warm-up (discarded), then rounds of ${MEASURED_SECONDS} s; gzip: the request says ` +
      '`Accept-Encoding: gzip`. `node:http` is Node\'s own client (bench/http-load-child.ts), which drops the bodies it counts; autocannon appends ' +
      'every answer to a string, which costs its process more CPU than the server spends on a gzip answer, so its rounds are shown for comparison ' +
      'only. The app, PostgreSQL and the client share the 2 cores. Peak RSS is of the app process. LOG_LEVEL=warn.',
    `- Last row: a bare \`node:http\` server in the same process writing the same ${Buffer.byteLength(text)} bytes from one buffer (no framework, no database), ` +
      'measured the same way: the most this machine allows for answers of this size.',
    '',
    '| round | client | connections | Accept-Encoding | load avg (1/5/15 min) | requests/s | p50 (ms) | p99 (ms) | bytes per answer | peak RSS (MB) |',
    '| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (round, i) =>
        `| ${i + 1} | ${round.client} | ${round.connections} | ${round.gzip ? 'gzip' : '(none)'} | ${round.load} | ${round.requestsPerSecond.toFixed(1)} | ` +
        `${round.p50.toFixed(1)} | ${round.p99.toFixed(1)} | ${round.bytesPerAnswer ?? '–'} | ${round.peakRssMb?.toFixed(0) ?? '–'} |`,
    ),
    '',
    `Target: p99 < ${TARGET_P99_MS} ms (node:http rounds). With gzip: ${verdict(1, true)}; ${verdict(CONNECTIONS, true)}. ` +
      `Without Accept-Encoding: ${verdict(1, false)}; ${verdict(CONNECTIONS, false)}; the bare server's p99 for the same bytes is ${bare.p99.toFixed(1)} ms.`,
    '',
    `First requests (the answer not yet cached, one at a time from a child process, load avg ${firstLoad}): ${FIRST_READS} ranges starting 1..${FIRST_READS} days ` +
      `later with the same end: p50 ${percentile(first, 50).toFixed(1)} ms, p90 ${percentile(first, 90).toFixed(1)} ms, max ${first[first.length - 1].toFixed(1)} ms. ` +
      `The probe before them (this process's fetch): ${firstMs.toFixed(1)} ms.`,
  ];
  console.log(['', ...lines, ''].join('\n'));
  if (process.env.BENCH_NO_WRITE) return;
  writeSection(HEADING, lines);
  log('Wrote the section to bench/RESULTS.md');
}

runBench(main);
