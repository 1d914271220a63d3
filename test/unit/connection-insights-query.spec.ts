import { parseInsightsQuery } from '../../src/connections/connection-insights.service';

const METRICS = ['impressions', 'clicks', 'spend'];
const BREAKDOWNS = ['gender', 'date'];

describe('parseInsightsQuery', () => {
  it('keeps valid input, trims and de-duplicates metrics', () => {
    expect(parseInsightsQuery({ start_date: '2026-11-01', end_date: '2026-11-01', metrics: ' impressions,clicks ,impressions', breakdown: 'gender' }, METRICS, BREAKDOWNS)).toEqual({
      startDate: '2026-11-01',
      endDate: '2026-11-01',
      metrics: ['impressions', 'clicks'],
      breakdown: 'gender',
    });
  });

  it.each([
    ['start after end', { start_date: '2026-11-02', end_date: '2026-11-01', metrics: 'clicks' }, 'start_date must not be after end_date'],
    ['February 30th', { start_date: '2026-02-30', end_date: '2026-03-01', metrics: 'clicks' }, 'start_date is not a calendar date'],
    ['month 13', { start_date: '2026-01-01', end_date: '2026-13-01', metrics: 'clicks' }, 'end_date is not a calendar date'],
    ['more than 37 months', { start_date: '2020-01-01', end_date: '2026-01-01', metrics: 'clicks' }, 'the date range may span at most 37 months'],
    ['no metric', { start_date: '2026-11-01', end_date: '2026-11-02', metrics: ' , ' }, 'metrics must name at least one metric'],
    ['an unknown metric', { start_date: '2026-11-01', end_date: '2026-11-02', metrics: 'clicks,magic' }, 'metrics not supported: magic'],
    ['an unknown breakdown', { start_date: '2026-11-01', end_date: '2026-11-02', metrics: 'clicks', breakdown: 'zodiac' }, 'breakdown must be one of'],
  ])('refuses %s', (_name, dto, message) => {
    expect(() => parseInsightsQuery(dto, METRICS, BREAKDOWNS)).toThrow(
      expect.objectContaining({ status: 400, details: expect.arrayContaining([expect.stringContaining(message)]) }),
    );
  });
});
