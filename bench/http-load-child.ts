import * as http from 'node:http';

/** What the parent sends as the first IPC message (headers hold the API key and token, so not argv). */
export interface HttpLoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

/** Requests one after the other on one kept-alive connection, each timed on its own. */
export interface HttpSequenceOptions {
  urls: string[];
  headers: Record<string, string>;
}

export interface HttpSequenceResult {
  /** In the order of the urls. */
  latenciesMs: number[];
  non2xx: number;
  errors: number;
}

export interface HttpLoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Body bytes per answer as received (compressed when the answer was). */
  bytesPerAnswer: number;
  non2xx: number;
  errors: number;
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

/**
 * A closed-loop load generator on Node's own HTTP client: `connections` keep-alive sockets, each sending its next
 * request when the previous answer has ended, for `durationSeconds`. Bodies are counted and dropped, never decoded:
 * autocannon appends every body chunk to a string (`req.body += data`), which for a 300 KB gzip answer costs its
 * process more CPU than the server spends on the answer, on the same cores.
 */
/** One GET on a kept-alive agent, its body counted and dropped: its time and status, or undefined when it failed. */
function timedGet(agent: http.Agent, url: string, headers: Record<string, string>): Promise<{ ms: number; status: number; bytes: number } | undefined> {
  return new Promise((resolve) => {
    const sent = performance.now();
    let bytes = 0;
    const request = http.get(url, { agent, headers }, (response) => {
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ ms: performance.now() - sent, status: response.statusCode ?? 0, bytes }));
      response.on('error', () => resolve(undefined));
    });
    request.on('error', () => resolve(undefined));
  });
}

async function run(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let [bytes, non2xx, errors] = [0, 0, 0];
  const started = performance.now();
  const stopAt = started + options.durationSeconds * 1000;
  const loop = async () => {
    while (performance.now() < stopAt) {
      const answer = await timedGet(agent, options.url, options.headers);
      if (!answer) {
        errors++;
        continue;
      }
      latencies.push(answer.ms);
      bytes += answer.bytes;
      if (answer.status >= 300) non2xx++;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / elapsed,
    latencyP50Ms: percentile(sorted, 50),
    latencyP99Ms: percentile(sorted, 99),
    bytesPerAnswer: latencies.length > 0 ? Math.round(bytes / latencies.length) : 0,
    non2xx,
    errors,
  };
}

async function sequence(options: HttpSequenceOptions): Promise<HttpSequenceResult> {
  const latenciesMs: number[] = [];
  let [non2xx, errors] = [0, 0];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const url of options.urls) {
    const answer = await timedGet(agent, url, options.headers);
    if (!answer) errors++;
    else {
      latenciesMs.push(answer.ms);
      if (answer.status >= 300) non2xx++;
    }
  }
  agent.destroy();
  return { latenciesMs, non2xx, errors };
}

process.once('message', (options: HttpLoadOptions | HttpSequenceOptions) => {
  ('urls' in options ? sequence(options) : run(options))
    .then((result) => process.send!(result, () => process.exit(0)))
    .catch((error: unknown) => {
      console.error('[bench] http load client failed:', error);
      process.exit(1);
    });
});
