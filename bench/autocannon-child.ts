import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface ChildLoadResult {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon's CLI in a child process (`--json`), so its CPU and memory are not counted as the app's. */
export function autocannonInChild(url: string, headers: Record<string, string>, connections: number, durationSeconds: number): Promise<ChildLoadResult> {
  const cli = path.join(require.resolve('autocannon/package.json'), '..', 'autocannon.js');
  const args = [cli, '--json', '-c', String(connections), '-d', String(durationSeconds)];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`autocannon failed: ${error.message} ${stderr}`));
      const result = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        requestsPerSecond: result.requests.average,
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
  });
}
