import type { InsightSeries } from './meta-insights-rollup';

/**
 * How a series is stored: `action_keys text[]` names the action columns (`actions.<type>`, then
 * `action_values.<type>`, each sorted by type) and `totals float8[]` holds the running totals day by day, each day
 * `days, impressions, clicks, spend` (minor units) and then one element per action key. A range read slices the
 * two days it needs out of one array; integers up to 2^53 are exact in float8.
 */
export const SERIES_FIXED_COLUMNS = 4;
/** The prefix of each kind of action key, named as the answer's field. */
export const ACTION_KEY_PREFIXES = { actions: 'actions.', action_values: 'action_values.' } as const;
const ACTIONS = ACTION_KEY_PREFIXES.actions;
const ACTION_VALUES = ACTION_KEY_PREFIXES.action_values;

/** The action columns of a series, in stored order. Pure. */
export function seriesActionKeys(series: Pick<InsightSeries, 'actions' | 'actionValues'>): string[] {
  return [...Object.keys(series.actions).sort().map((type) => ACTIONS + type), ...Object.keys(series.actionValues).sort().map((type) => ACTION_VALUES + type)];
}

function actionList(series: Pick<InsightSeries, 'actions' | 'actionValues'>, key: string): number[] {
  return key.startsWith(ACTIONS) ? series.actions[key.slice(ACTIONS.length)] : series.actionValues[key.slice(ACTION_VALUES.length)];
}

/** The series' `totals` as a float8[] literal for the given action keys. Pure. */
export function totalsLiteral(series: InsightSeries, keys: readonly string[]): string {
  const columns = [series.days, series.impressions, series.clicks, series.spend, ...keys.map((key) => actionList(series, key))];
  const values = new Array<number>(series.days.length * columns.length);
  let at = 0;
  for (let day = 0; day < series.days.length; day++) for (const column of columns) values[at++] = column[day];
  return `{${values.join(',')}}`;
}

/** The numbers of a float8[] as PostgreSQL writes it (`{1,2.5,3}`), or [] for NULL. Pure. */
export function parseNumberArray(text: string | null | undefined): number[] {
  if (!text || text.length <= 2) return [];
  return text.slice(1, -1).split(',').map(Number);
}

/** A stored series' lists back from its action keys and totals. Pure. */
export function seriesLists(keys: readonly string[], totals: readonly number[]): Pick<InsightSeries, 'days' | 'impressions' | 'clicks' | 'spend' | 'actions' | 'actionValues'> {
  const width = SERIES_FIXED_COLUMNS + keys.length;
  const length = Math.floor(totals.length / width);
  const columns = Array.from({ length: width }, () => new Array<number>(length));
  for (let day = 0, at = 0; day < length; day++) for (let column = 0; column < width; column++) columns[column][day] = totals[at++];
  const actions: Record<string, number[]> = {};
  const actionValues: Record<string, number[]> = {};
  keys.forEach((key, i) => {
    if (key.startsWith(ACTIONS)) actions[key.slice(ACTIONS.length)] = columns[SERIES_FIXED_COLUMNS + i];
    else actionValues[key.slice(ACTION_VALUES.length)] = columns[SERIES_FIXED_COLUMNS + i];
  });
  return { days: columns[0], impressions: columns[1], clicks: columns[2], spend: columns[3], actions, actionValues };
}
