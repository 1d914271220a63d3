import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;
const PING_PREFIX = 'ping:';
const PING_TIMEOUT_MS = 5_000;
const HEARTBEAT_MS = 15_000;
const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export interface NotificationListenerOptions {
  connectionString: string;
  /** A plain identifier: LISTEN takes no parameters. */
  channel: string;
  applicationName: string;
  /** Sends `NOTIFY channel, payload` through another connection (the app's pool): the listener must hear it. */
  notify(payload: string): Promise<unknown>;
  onMessage(payload: string): void;
  /**
   * Live: listening, and a ping sent through the pool came back, so notifications do arrive (a pooler in transaction
   * mode accepts LISTEN and never delivers). Called with false at once when the connection fails or a ping is lost.
   */
  onLiveChange(live: boolean): void;
  onProblem(message: string, error?: unknown): void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs on a channel, proves with a ping that notifications arrive,
 * repeats the ping as a heartbeat, and reconnects with backoff when anything fails.
 */
export class PgNotificationListener {
  private client?: Client;
  private live = false;
  private stopped = false;
  private retryDelayMs = MIN_RETRY_MS;
  private retryTimer?: NodeJS.Timeout;
  private heartbeatTimer?: NodeJS.Timeout;
  private readonly pendingPings = new Map<string, () => void>();

  constructor(private readonly options: NotificationListenerOptions) {
    if (!CHANNEL_NAME.test(options.channel)) throw new Error(`Invalid channel name ${options.channel}`);
  }

  get isLive(): boolean {
    return this.live;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    this.setLive(false);
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: this.options.applicationName, keepAlive: true });
    this.client = client;
    client.on('notification', (message) => {
      if (client === this.client) this.receive(message.payload ?? '');
    });
    client.on('error', (error) => this.down(client, 'connection failed', error));
    client.on('end', () => this.down(client, 'connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      await this.ping(client);
      if (client !== this.client) return;
      this.retryDelayMs = MIN_RETRY_MS;
      this.setLive(true);
      this.heartbeatTimer = setInterval(() => {
        this.ping(client).catch((error: unknown) => this.down(client, 'heartbeat lost', error));
      }, HEARTBEAT_MS);
      this.heartbeatTimer.unref();
    } catch (error) {
      this.down(client, 'could not listen', error);
    }
  }

  private receive(payload: string): void {
    const heard = this.pendingPings.get(payload);
    if (heard) return heard();
    // Other processes' pings share the channel.
    if (!payload.startsWith(PING_PREFIX)) this.options.onMessage(payload);
  }

  private async ping(client: Client): Promise<void> {
    const payload = `${PING_PREFIX}${randomUUID()}`;
    let timer: NodeJS.Timeout | undefined;
    const heard = new Promise<void>((resolve, reject) => {
      this.pendingPings.set(payload, resolve);
      timer = setTimeout(() => reject(new Error(`No notification within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
      timer.unref();
    });
    try {
      await this.options.notify(payload);
      await heard;
    } finally {
      clearTimeout(timer);
      this.pendingPings.delete(payload);
    }
    if (client !== this.client) throw new Error('The connection was replaced');
  }

  private down(client: Client, reason: string, error?: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    clearInterval(this.heartbeatTimer);
    this.setLive(false);
    // The old connection may still report errors while it closes; they are no longer news.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.onProblem(`${reason}; retrying in ${this.retryDelayMs} ms`, error);
    this.retryTimer = setTimeout(() => void this.connect(), this.retryDelayMs);
    this.retryTimer.unref();
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_RETRY_MS);
  }

  private setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.options.onLiveChange(live);
  }
}
