import Fastify from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { Writable } from 'node:stream';
import { registerRequestLogging } from '../../src/logging/request-logging';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

async function appWith(level: string) {
  const { logger, lines } = capture(level);
  const app = Fastify({ genReqId: () => 'req-42' });
  registerRequestLogging(app, logger);
  // What Nest's Logger does inside a request: log through PinoLogger, which finds the request's logger.
  const inRequest = new PinoLogger({ pinoHttp: { logger } });
  app.get('/ok', async (request) => {
    (request.raw as { tenantId?: string }).tenantId = 'tenant-7';
    await new Promise((resolve) => setImmediate(resolve));
    inRequest.info('inside the handler');
    return { ok: true };
  });
  app.get('/quiet', async () => ({ ok: true }));
  app.get('/missing', async (_request, reply) => reply.code(404).send({ ok: false }));
  app.get('/broken', async (_request, reply) => reply.code(503).send({ ok: false }));
  return { app, lines };
}

describe('request logging', () => {
  it('writes one request line with id, tenant, status and time, and binds in-request lines to the request', async () => {
    const { app, lines } = await appWith('info');
    await app.inject({ url: '/ok?code=secret-code&x=1' });
    const inside = lines.find((line) => line.msg === 'inside the handler');
    expect(inside).toMatchObject({ reqId: 'req-42', tenantId: 'tenant-7', level: 30 });
    const requestLine = lines.find((line) => line.msg === 'request completed');
    expect(requestLine).toMatchObject({
      level: 30,
      reqId: 'req-42',
      tenantId: 'tenant-7',
      req: { id: 'req-42', method: 'GET', url: '/ok?code=[REDACTED]&x=1' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('secret-code');
    await app.close();
  });

  it('logs 4xx as warn and 5xx as error, and nothing below the level', async () => {
    const { app, lines } = await appWith('warn');
    await app.inject({ url: '/quiet' });
    await app.inject({ url: '/missing' });
    await app.inject({ url: '/broken' });
    expect(lines.map((line) => [line.level, (line.res as { statusCode: number }).statusCode])).toEqual([
      [40, 404],
      [50, 503],
    ]);
    await app.close();
  });
});
