import { META_ZERO_DECIMAL_CURRENCIES, metaMinorUnitFactor, toMetaMinorUnits } from '../../src/platforms/meta/launch/meta-currency';

describe('Meta budget currency units', () => {
  it.each([
    ['USD', 100, 10_000],
    ['EUR', 100, 10_000],
    ['GBP', 100, 10_000],
    ['BRL', 100, 10_000],
    ['JPY', 1, 100],
    ['KRW', 1, 100],
    ['VND', 1, 100],
    ['CLP', 1, 100],
    ['usd', 100, 10_000],
    [' jpy ', 1, 100],
  ])('%s: factor %i, 100 → %i', (currency, factor, minor) => {
    expect(metaMinorUnitFactor(currency)).toBe(factor);
    expect(toMetaMinorUnits(100, currency)).toBe(minor);
  });

  it('treats exactly the eleven zero-decimal currencies as ×1', () => {
    expect([...META_ZERO_DECIMAL_CURRENCIES].sort()).toEqual(['CLP', 'COP', 'CRC', 'HUF', 'IDR', 'ISK', 'JPY', 'KRW', 'PYG', 'TWD', 'VND']);
    for (const currency of META_ZERO_DECIMAL_CURRENCIES) expect(metaMinorUnitFactor(currency)).toBe(1);
  });

  it.each([
    ['a fraction', 1.5, 'USD'],
    ['zero', 0, 'USD'],
    ['a negative amount', -5, 'JPY'],
    ['an unsafe amount', Number.MAX_SAFE_INTEGER, 'USD'],
    ['not a currency code', 10, 'US$'],
    ['an empty currency', 10, ''],
  ])('refuses %s', (_name, amount, currency) => {
    expect(() => toMetaMinorUnits(amount, currency)).toThrow(RangeError);
  });
});
