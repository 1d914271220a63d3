import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { HttpLoadOptions, HttpLoadResult, HttpSequenceOptions, HttpSequenceResult } from './http-load-child';

export type { HttpLoadResult, HttpSequenceResult };

/** Node's HTTP client as the load generator, in a child process so its CPU is not the app's (see http-load-child.ts). */
export function httpLoadInChild(options: HttpLoadOptions): Promise<HttpLoadResult> {
  return inChild<HttpLoadResult>(options);
}

/** Requests one at a time from the same kind of child, each timed. */
export function httpSequenceInChild(options: HttpSequenceOptions): Promise<HttpSequenceResult> {
  return inChild<HttpSequenceResult>(options);
}

function inChild<T>(options: HttpLoadOptions | HttpSequenceOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'http-load-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: T | undefined;
    child.once('message', (message: T) => (result = message));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the http load client exited with ${code}`))));
    child.send(options);
  });
}
