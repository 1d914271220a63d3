import type autocannon from 'autocannon';
import { fork } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ownCpuMicros } from './cpu-usage';

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
}

export interface LoadMeasurement {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMb: number;
  /** CPU time (user + system) of the server process per answered request: what a busy machine disturbs least. */
  serverCpuMicrosPerRequest: number;
  /** 1-minute load average when the measured run started: other work on the machine skews requests/s. */
  loadAverage: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const CONNECTIONS = 50;
export const WARM_UP_SECONDS = 3;
export const MEASURED_SECONDS = 10;
const RSS_SAMPLE_INTERVAL_MS = 100;
const BYTES_PER_MB = 1024 * 1024;

/** Samples this process's RSS until stopped; returns the highest value seen. */
function startPeakRssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, RSS_SAMPLE_INTERVAL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** autocannon in a child process: the load generator gets its own event loop (and core) for (a) and (b) alike. */
export function runAutocannon(target: LoadTarget, durationSeconds: number): Promise<autocannon.Result> {
  const options: autocannon.Options = { url: target.url, headers: target.headers, connections: CONNECTIONS, duration: durationSeconds };
  const child = fork(path.join(__dirname, 'load-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(options);
  return new Promise((resolve, reject) => {
    let result: autocannon.Result | undefined;
    child.once('message', (message) => {
      result = message as autocannon.Result;
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`The load client exited with ${code} and no result`))));
  });
}

/** A discarded warm-up run (JIT, connection pools, caches), then the measured run with the process's peak RSS. */
export async function measureLoad(target: LoadTarget): Promise<LoadMeasurement> {
  await runAutocannon(target, WARM_UP_SECONDS);
  const loadAverage = os.loadavg()[0];
  const sampler = startPeakRssSampler();
  const cpuBefore = ownCpuMicros();
  const result = await runAutocannon(target, MEASURED_SECONDS);
  const cpu = ownCpuMicros() - cpuBefore;
  const peakRss = sampler.stop();
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    peakRssMb: peakRss / BYTES_PER_MB,
    serverCpuMicrosPerRequest: cpu / Math.max(1, result.requests.total),
    loadAverage,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export const LOAD_SHAPE = `${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up (discarded), ${MEASURED_SECONDS} s measured`;
