import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimAnswer } from './meta-sim-errors';

function flatten(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
}

/** A form-encoded or JSON request body as flat strings, the way Graph reads parameters. */
export async function readParams(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === 'object' ? flatten(parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function sendAnswer(res: ServerResponse, answer: SimAnswer): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === null || answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  if (typeof answer.body === 'string' && (headers['Content-Type'] ?? '').startsWith('text/html')) {
    res.writeHead(answer.status, headers).end(answer.body);
    return;
  }
  const text = JSON.stringify(answer.body);
  headers['Content-Type'] = 'application/json; charset=UTF-8';
  res.writeHead(answer.status, headers).end(text);
}
