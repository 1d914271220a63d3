/**
 * Meta's budgets are integers in the account currency's minor units: 1 USD = 100, 1 JPY = 1. These currencies have
 * no minor unit at Meta (its "offset 1" list); every other account currency has an offset of 100.
 */
export const META_ZERO_DECIMAL_CURRENCIES: readonly string[] = ['CLP', 'COP', 'CRC', 'HUF', 'ISK', 'IDR', 'JPY', 'KRW', 'PYG', 'TWD', 'VND'];

const CURRENCY_CODE = /^[A-Z]{3}$/;

export function isMetaCurrencyCode(currency: string): boolean {
  return CURRENCY_CODE.test(currency.trim().toUpperCase());
}

/** How many minor units make one unit of `currency` at Meta. Throws on something that is not an ISO 4217 code. */
export function metaMinorUnitFactor(currency: string): 1 | 100 {
  const code = currency.trim().toUpperCase();
  if (!CURRENCY_CODE.test(code)) throw new RangeError(`not a currency code: ${currency}`);
  return META_ZERO_DECIMAL_CURRENCIES.includes(code) ? 1 : 100;
}

/** A whole amount in the account currency as the integer Meta expects in `daily_budget`. */
export function toMetaMinorUnits(amount: number, currency: string): number {
  if (!Number.isInteger(amount) || amount < 1) throw new RangeError(`budget must be a whole amount of at least 1, got ${amount}`);
  const minor = amount * metaMinorUnitFactor(currency);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`budget is too large: ${amount}`);
  return minor;
}
