import { ApiResult } from '../../src/common/http/api-result';
import { gunzipSync } from 'node:zlib';
import { cachedAnswer, JsonChunks, successEnvelope } from '../../src/common/http/envelope';
import { RawJson, RawJsonBytes } from '../../src/common/http/raw-json';

const context = { statusCode: 200, requestId: 'req-1', method: 'GET' };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('success envelope', () => {
  it('wraps an answer with the default message of its status', () => {
    expect(successEnvelope({ a: 1 }, context)).toEqual({
      success: true,
      data: { a: 1 },
      message: 'Request successful',
      timestamp: expect.stringMatching(ISO),
      statusCode: 200,
      requestId: 'req-1',
    });
    expect(successEnvelope(undefined, { ...context, statusCode: 201 })).toMatchObject({ data: null, message: 'Resource created successfully' });
  });

  it('takes the message of the answer first, then the route, and adds meta', () => {
    const result = new ApiResult([1], 'From the handler', { nextCursor: 'c' });
    expect(successEnvelope(result, { ...context, routeMessage: 'From the route' })).toMatchObject({ data: [1], message: 'From the handler', meta: { nextCursor: 'c' } });
    expect(successEnvelope([1], { ...context, routeMessage: 'From the route' })).toMatchObject({ message: 'From the route' });
  });

  it('splices pre-serialized data into the same JSON text, keys in the same order', () => {
    const data = { id: 't', members: [{ name: 'é "quoted"' }] };
    for (const body of [RawJson.of(data), new ApiResult(RawJson.of(data), 'Found', { page: 1 })]) {
      const text = successEnvelope(body, context);
      expect(typeof text).toBe('string');
      const parsed = JSON.parse(text as string);
      const asObject = successEnvelope(body instanceof ApiResult ? new ApiResult(data, 'Found', { page: 1 }) : data, context) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(Object.keys(asObject));
      expect({ ...parsed, timestamp: 'x' }).toEqual({ ...asObject, timestamp: 'x' });
    }
  });

  it('splices pre-serialized bytes into the same bytes as the text', () => {
    const data = [{ campaign_id: '1', campaign_name: 'Été ☀ 🌻 "q"', spend: 0.000012 }];
    const body = new ApiResult(new RawJsonBytes(Buffer.from(JSON.stringify(data))), undefined, { source: 'local' });
    const chunks = successEnvelope(body, context);
    expect(chunks).toBeInstanceOf(JsonChunks);
    const bytes = (chunks as JsonChunks).toBuffer();
    expect((chunks as JsonChunks).byteLength).toBe(bytes.length);
    const text = successEnvelope(new ApiResult(RawJson.of(data), undefined, { source: 'local' }), context) as string;
    const timestamp = (value: string) => value.replace(/"timestamp":"[^"]+"/, '"timestamp":"x"');
    expect(timestamp(bytes.toString('utf8'))).toBe(timestamp(text));
  });

  it('gives the same text gzipped to a client that accepts gzip, once the answer is compressed (in the background)', async () => {
    const data = [{ campaign_id: '1', spend: 12.5 }];
    const answer = cachedAnswer(Buffer.from(JSON.stringify(data)));
    const body = new ApiResult(answer, undefined, { source: 'local' });
    // Until the compressed copy is ready, every client gets the answer as it is.
    expect((successEnvelope(body, { ...context, acceptsGzip: true }) as JsonChunks).encoding).toBeUndefined();
    await answer.gzipReady;
    const plain = successEnvelope(body, context) as JsonChunks;
    expect(plain.encoding).toBeUndefined();
    const gzip = successEnvelope(body, { ...context, acceptsGzip: true }) as JsonChunks;
    expect(gzip.encoding).toBe('gzip');
    const timestamp = (value: string) => value.replace(/"timestamp":"[^"]+"/, '"timestamp":"x"');
    expect(timestamp(gunzipSync(gzip.toBuffer()).toString('utf8'))).toBe(timestamp(plain.toBuffer().toString('utf8')));
    // Without a compressed form, the answer is sent as it is.
    expect((successEnvelope(new RawJsonBytes(Buffer.from('[]')), { ...context, acceptsGzip: true }) as JsonChunks).encoding).toBeUndefined();
  });

  it('keeps a write answer an object, for the idempotency store', () => {
    expect(successEnvelope(RawJson.of({ id: 't' }), { ...context, method: 'POST', statusCode: 201 })).toMatchObject({ success: true, data: { id: 't' } });
    expect(successEnvelope(new RawJsonBytes(Buffer.from('{"id":"t"}')), { ...context, method: 'POST', statusCode: 201 })).toMatchObject({ success: true, data: { id: 't' } });
  });
});
