/** Seconds before attempt `attempt + 1`: exponential from `baseSeconds`, capped at an hour, with ±20 % jitter. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseSeconds * 2 ** (attempt - 1), 3600);
  return Math.max(1, Math.round(exponential * (0.8 + 0.4 * random())));
}
