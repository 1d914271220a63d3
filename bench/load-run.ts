import autocannon from 'autocannon';

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
}

export interface LoadMeasurement {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMb: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;
const MEASURED_SECONDS = 10;
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

function runAutocannon(target: LoadTarget, durationSeconds: number): Promise<autocannon.Result> {
  return autocannon({ url: target.url, headers: target.headers, connections: CONNECTIONS, duration: durationSeconds });
}

/** A discarded warm-up run (JIT, connection pools, caches), then the measured run with the process's peak RSS. */
export async function measureLoad(target: LoadTarget): Promise<LoadMeasurement> {
  await runAutocannon(target, WARM_UP_SECONDS);
  const sampler = startPeakRssSampler();
  const result = await runAutocannon(target, MEASURED_SECONDS);
  const peakRss = sampler.stop();
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    peakRssMb: peakRss / BYTES_PER_MB,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export const LOAD_SHAPE = `${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up (discarded), ${MEASURED_SECONDS} s measured`;
