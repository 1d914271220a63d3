import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxConsentAnswer, SandboxDialogParams, SandboxPlatform, SandboxWorld, SandboxWorldFactory } from './sandbox-world';

/** Injection token of the `SandboxWorldFactory[]` the simulator serves (one per platform). */
export const SANDBOX_WORLD_FACTORIES = 'SANDBOX_WORLD_FACTORIES';
/** Optional injection token: how many tenant worlds stay in memory (default `SANDBOX_DEFAULT_MAX_WORLDS`). */
export const SANDBOX_MAX_WORLDS = 'SANDBOX_MAX_WORLDS';
export const SANDBOX_DEFAULT_MAX_WORLDS = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROUTE = /^\/t\/([^/?#]+)\/([a-z]+)(\/[^?#]*)?(\?.*)?$/;

/** A 404 in the platform's own error shape, so the platform clients map it as they map the real thing. */
function notFound(platform: string | undefined, message: string): { status: number; body: unknown } {
  if (platform === 'meta') {
    return { status: 404, body: { error: { message, type: 'GraphMethodException', code: 803, fbtrace_id: randomBytes(8).toString('base64url').slice(0, 11) } } };
  }
  if (platform === 'google') return { status: 404, body: { error: { code: 404, message, status: 'NOT_FOUND' } } };
  return { status: 404, body: { error: { code: 404, message } } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
}

/**
 * The sandbox's simulated platforms: one HTTP server on 127.0.0.1 (an ephemeral port, never exposed) that serves
 * `/t/{tenantId}/{meta|google}/…` from that tenant's world of that platform. Worlds are made on first use from the
 * platform's factory and kept in memory, the least recently used dropped beyond `SANDBOX_MAX_WORLDS` (a dropped world
 * is seeded again on its next use; what the tenant did to it is lost).
 */
@Injectable()
export class SandboxSimulator implements OnModuleInit, OnModuleDestroy {
  private readonly factories = new Map<SandboxPlatform, SandboxWorldFactory>();
  private readonly worlds = new Map<string, SandboxWorld>();
  private readonly maxWorlds: number;
  private server: Server | undefined;
  private origin: string | undefined;

  constructor(
    @Inject(SANDBOX_WORLD_FACTORIES) factories: SandboxWorldFactory[],
    @Optional() @Inject(SANDBOX_MAX_WORLDS) maxWorlds?: number,
  ) {
    for (const factory of factories) this.factories.set(factory.platform, factory);
    this.maxWorlds = Math.max(1, maxWorlds ?? SANDBOX_DEFAULT_MAX_WORLDS);
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts the loopback server (once). */
  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => void this.dispatch(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.origin = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The absolute URL of a tenant's world (e.g. `http://127.0.0.1:41234/t/<tenantId>/meta`): the platform base URL of that tenant. */
  baseUrl(platform: SandboxPlatform, tenantId: string): string {
    if (!this.origin) throw new Error('The sandbox simulator is not started (SandboxSimulator.start(), done at module init)');
    if (!this.factories.has(platform)) throw new Error(`The sandbox simulator has no simulated ${platform}`);
    if (!UUID.test(tenantId)) throw new Error('A sandbox tenant id must be a UUID');
    return `${this.origin}/t/${tenantId.toLowerCase()}/${platform}`;
  }

  /** The tenant's consent dialog of that platform (for the app's own consent route). */
  consent(platform: SandboxPlatform, tenantId: string, method: 'GET' | 'POST', params: SandboxDialogParams, action: string): SandboxConsentAnswer {
    return this.world(platform, tenantId).consent(method, params, action);
  }

  /** The tenant's world of that platform, made on first use. */
  world(platform: SandboxPlatform, tenantId: string): SandboxWorld {
    const factory = this.factories.get(platform);
    if (!factory) throw new Error(`The sandbox simulator has no simulated ${platform}`);
    if (!UUID.test(tenantId)) throw new Error('A sandbox tenant id must be a UUID');
    const id = tenantId.toLowerCase();
    const key = `${platform}/${id}`;
    const known = this.worlds.get(key);
    if (known) {
      // Map order is insertion order: re-inserting marks the world most recently used.
      this.worlds.delete(key);
      this.worlds.set(key, known);
      return known;
    }
    const world = factory.create(id, this.baseUrl(platform, id));
    this.worlds.set(key, world);
    while (this.worlds.size > this.maxWorlds) this.worlds.delete(this.worlds.keys().next().value!);
    return world;
  }

  /** How many worlds are in memory. */
  worldCount(): number {
    return this.worlds.size;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = ROUTE.exec(req.url ?? '/');
    const platform = route?.[2];
    try {
      if (!route || !UUID.test(route[1]) || !this.factories.has(platform as SandboxPlatform)) {
        const answer = notFound(platform, `Unknown sandbox path: ${(req.url ?? '/').split('?')[0]}`);
        req.resume();
        sendJson(res, answer.status, answer.body);
        return;
      }
      const world = this.world(platform as SandboxPlatform, route[1]);
      req.url = `${route[3] || '/'}${route[4] ?? ''}`;
      await world.handle(req, res);
    } catch (error) {
      sendJson(res, 500, { error: { code: 500, message: `Sandbox simulator failure: ${(error as Error).message}` } });
    }
  }
}
