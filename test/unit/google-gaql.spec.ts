import { buildGaql, GaqlBuildError, GaqlQuery } from '../../src/platforms/google/gaql-query.builder';

describe('buildGaql', () => {
  it.each<[string, GaqlQuery, string]>([
    ['select only', { select: ['customer.id', 'customer.descriptive_name'], from: 'customer' }, 'SELECT customer.id, customer.descriptive_name FROM customer'],
    [
      'date range and segment',
      {
        select: ['customer.currency_code', 'segments.date', 'metrics.cost_micros'],
        from: 'customer',
        where: [{ field: 'segments.date', op: 'BETWEEN', from: { date: '2026-11-01' }, to: { date: '2026-11-22' } }],
        orderBy: [{ field: 'segments.date' }],
      },
      "SELECT customer.currency_code, segments.date, metrics.cost_micros FROM customer WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-22' ORDER BY segments.date ASC",
    ],
    [
      'comparisons, IN and LIMIT',
      {
        select: ['customer_client.id'],
        from: 'customer_client',
        where: [
          { field: 'customer_client.level', op: '<=', value: { int: 1 } },
          { field: 'customer_client.status', op: 'IN', values: [{ enum: 'ENABLED' }, { enum: 'SUSPENDED' }] },
          { field: 'customer_client.id', op: '!=', value: { id: '1234567890' } },
        ],
        orderBy: [{ field: 'customer_client.level', direction: 'DESC' }],
        limit: 50,
      },
      "SELECT customer_client.id FROM customer_client WHERE customer_client.level <= 1 AND customer_client.status IN ('ENABLED', 'SUSPENDED') AND customer_client.id != 1234567890 ORDER BY customer_client.level DESC LIMIT 50",
    ],
    ['DURING preset', { select: ['metrics.clicks'], from: 'customer', where: [{ field: 'segments.date', op: 'DURING', range: 'LAST_30_DAYS' }] }, 'SELECT metrics.clicks FROM customer WHERE segments.date DURING LAST_30_DAYS'],
    ['NOT IN', { select: ['campaign.id'], from: 'campaign', where: [{ field: 'campaign.status', op: 'NOT IN', values: [{ enum: 'REMOVED' }] }] }, "SELECT campaign.id FROM campaign WHERE campaign.status NOT IN ('REMOVED')"],
    ['field with digits', { select: ['metrics.video_quartile_p100_rate'], from: 'campaign' }, 'SELECT metrics.video_quartile_p100_rate FROM campaign'],
  ])('%s', (_name, query, expected) => {
    expect(buildGaql(query)).toBe(expected);
  });

  const base = { select: ['customer.id'], from: 'customer' };
  const where = (condition: unknown) => ({ ...base, where: [condition] }) as GaqlQuery;

  it.each<[string, unknown]>([
    ['empty select', { select: [], from: 'customer' }],
    ['duplicate field', { select: ['customer.id', 'customer.id'], from: 'customer' }],
    ['field without resource', { select: ['id'], from: 'customer' }],
    ['upper-case field', { select: ['Customer.id'], from: 'customer' }],
    ['field with injection', { select: ['customer.id FROM campaign --'], from: 'customer' }],
    ['field with comma', { select: ['customer.id,customer.name'], from: 'customer' }],
    ['resource with space', { select: ['customer.id'], from: 'customer WHERE 1' }],
    ['date not ISO', where({ field: 'segments.date', op: '=', value: { date: '2026/11/01' } })],
    ['date not on the calendar', where({ field: 'segments.date', op: '=', value: { date: '2026-02-30' } })],
    ['date with quote', where({ field: 'segments.date', op: '=', value: { date: "2026-11-01' OR 'a'='a" } })],
    ['id with hyphens', where({ field: 'customer.id', op: '=', value: { id: '123-456-7890' } })],
    ['id with text', where({ field: 'customer.id', op: '=', value: { id: '1 OR 1=1' } })],
    ['lower-case enum', where({ field: 'customer.status', op: '=', value: { enum: 'enabled' } })],
    ['enum with quote', where({ field: 'customer.status', op: '=', value: { enum: "ENABLED'" } })],
    ['free text value', where({ field: 'customer.descriptive_name', op: '=', value: { text: 'x' } })],
    ['two value kinds at once', where({ field: 'customer.id', op: '=', value: { id: '1', enum: 'A' } })],
    ['non-integer int', where({ field: 'customer_client.level', op: '=', value: { int: 1.5 } })],
    ['string int', where({ field: 'customer_client.level', op: '=', value: { int: '1' } })],
    ['unknown operator', where({ field: 'customer.id', op: 'LIKE', value: { id: '1' } })],
    ['empty IN', where({ field: 'customer.status', op: 'IN', values: [] })],
    ['unknown DURING range', where({ field: 'segments.date', op: 'DURING', range: 'LAST_2_YEARS' })],
    ['bad order direction', { ...base, orderBy: [{ field: 'customer.id', direction: 'SIDEWAYS' }] }],
    ['zero limit', { ...base, limit: 0 }],
    ['fractional limit', { ...base, limit: 1.5 }],
  ])('throws on %s', (_name, query) => {
    expect(() => buildGaql(query as GaqlQuery)).toThrow(GaqlBuildError);
  });
});
