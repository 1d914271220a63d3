import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  /** The raw body as sent: what the signature covers. */
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  answeredWith: number;
}

/** A tenant's webhook endpoint on loopback: records every request and answers 200, or 500 / slowly when told. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private failures = 0;
  private delayMs = 0;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver!: WebhookReceiver;
    const server = http.createServer((request, response) => receiver.handle(request, response));
    receiver = new WebhookReceiver(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/adlyft`;
  }

  /** The next `count` requests answer 500. */
  failNext(count: number): void {
    this.failures = count;
  }

  /** Every request waits this long before answering. */
  answerAfter(ms: number): void {
    this.delayMs = ms;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((hook) => hook.json.type === type);
  }

  /** Resolves once `count` requests in all have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.received.length} of ${count} webhooks arrived`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = this.failures > 0 ? 500 : 200;
      if (this.failures > 0) this.failures--;
      const answer = () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: request.headers, body, json: JSON.parse(body), answeredWith: status });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
        this.waiters = this.waiters.filter((waiter) => (this.received.length >= waiter.count ? (waiter.resolve(), false) : true));
      };
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
  }
}
