import Fastify, { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

export interface BareServer {
  url: string;
  close(): Promise<void>;
}

/** The baseline: plain Fastify answering a constant JSON body, nothing else. */
export async function startBareFastify(): Promise<BareServer> {
  const server: FastifyInstance = Fastify({ logger: false });
  server.get('/', async () => ({ ok: true }));
  await server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
