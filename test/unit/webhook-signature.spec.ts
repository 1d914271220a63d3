import { createHmac } from 'node:crypto';
import { retryDelaySeconds } from '../../src/webhooks/webhook-retry';
import { signatureHeader, verifySignature } from '../../src/webhooks/webhook-signature';
import { webhookUrlProblem } from '../../src/webhooks/webhook-url';

describe('webhook signatures', () => {
  const body = '{"id":"e1","type":"import.succeeded"}';

  it('signs "<t>.<body>" with HMAC-SHA256 under the endpoint secret', () => {
    const expected = createHmac('sha256', 'whsec_x').update(`1700000000.${body}`).digest('hex');
    expect(signatureHeader('whsec_x', body, 1700000000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies a fresh signature and refuses old, tampered or malformed ones', () => {
    const header = signatureHeader('whsec_x', body, 1700000000);
    expect(verifySignature('whsec_x', body, header, 1700000100)).toBe(true);
    expect(verifySignature('whsec_x', body, header, 1700000301)).toBe(false);
    expect(verifySignature('whsec_x', `${body} `, header, 1700000000)).toBe(false);
    expect(verifySignature('whsec_y', body, header, 1700000000)).toBe(false);
    expect(verifySignature('whsec_x', body, 'v1=abc', 1700000000)).toBe(false);
    expect(verifySignature('whsec_x', body, 't=1700000000,v1=00', 1700000000)).toBe(false);
  });
});

describe('webhook retry delays', () => {
  it('doubles from the base, capped at an hour, with ±20 % jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelaySeconds(attempt, 10, () => 0.5))).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(20, 10, () => 0.5)).toBe(3600);
    expect(retryDelaySeconds(1, 10, () => 0)).toBe(8);
    expect(retryDelaySeconds(1, 10, () => 0.9999)).toBe(12);
    expect(retryDelaySeconds(1, 1, () => 0)).toBe(1);
  });
});

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.example.com/adlyft', false, null],
    ['http://127.0.0.1:4000/hook', false, null],
    ['http://localhost:4000/hook', false, null],
    ['http://[::1]:4000/hook', false, null],
    ['http://127.0.0.1:4000/hook', true, 'url must use https'],
    ['http://hooks.example.com/x', false, expect.stringMatching(/https/)],
    ['https://u:p@hooks.example.com/x', false, 'url must not carry credentials'],
    ['https://hooks.example.com/x#frag', false, 'url must not have a fragment'],
    ['not a url', false, 'url must be an absolute URL'],
    [`https://hooks.example.com/${'a'.repeat(2100)}`, false, expect.stringMatching(/at most/)],
  ])('%s (production: %s)', (url, production, problem) => {
    expect(webhookUrlProblem(url, production)).toEqual(problem);
  });
});
