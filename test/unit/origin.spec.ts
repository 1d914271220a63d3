import { normalizeOrigin } from '../../src/common/http/origin';

describe('normalizeOrigin', () => {
  it.each([
    ['https://app.acme.com', 'https://app.acme.com'],
    ['https://app.acme.com/', 'https://app.acme.com'],
    ['http://localhost:5173', 'http://localhost:5173'],
    ['HTTPS://APP.ACME.COM:443', 'https://app.acme.com'],
    ['https://app.acme.com/path', undefined],
    ['https://app.acme.com?x=1', undefined],
    ['https://user:pw@app.acme.com', undefined],
    ['javascript:alert(1)', undefined],
    ['ftp://acme.com', undefined],
    ['not a url', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalizeOrigin(input)).toBe(expected);
  });
});
