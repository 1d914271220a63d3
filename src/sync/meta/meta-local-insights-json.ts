import type { MetaInsightsRead } from './meta-insights-source.service';

/**
 * The JSON text of a local insights answer, made by PostgreSQL in one statement: the same bytes as
 * `JSON.stringify(localInsightsRows(rangeTotals(…)))`, without a row object, a parsed action map or a serializer in
 * Node. Every number is computed with the same IEEE double operations in the same order as the JS path, and written
 * the way JS writes it (see `jsNumberSql`); test/e2e/meta-insights-local-answer.e2e-spec.ts compares both paths.
 */

/** The keys of each row, in the answer's order: the asked fields that the copy makes, then the breakdown. Pure. */
export function localInsightKeys(read: Pick<MetaInsightsRead, 'fields'>, made: (key: string) => boolean): string[] {
  return [...new Set(['campaign_id', 'campaign_name', ...read.fields, 'date_start', 'date_stop'])].filter(made);
}

/** SQL text of a JSON string literal. Pure. */
const sqlJsonKey = (key: string) => `'${JSON.stringify(key).replace(/'/g, "''")}:'`;

/**
 * `Math.round(x * 1e6) / 1e6` on float8 `x`: Math.round is floor(x + 0.5) but for the halves, which it rounds up
 * (PostgreSQL's round() rounds them to even), and x − floor(x) is exact for a double. Pure.
 */
export function round6Sql(x: string): string {
  const scaled = `((${x}) * 1e6::float8)`;
  return `((floor(${scaled}) + CASE WHEN ${scaled} - floor(${scaled}) >= 0.5::float8 THEN 1::float8 ELSE 0::float8 END) / 1e6::float8)`;
}

/**
 * The text JS gives a float8 column or expression `v` (Number.prototype.toString, which JSON.stringify uses).
 * PostgreSQL (extra_float_digits ≥ 1, its default) writes the same shortest round-trip digits, but in exponent form
 * below 1e-4 and from 1e15 where JS writes them out from 1e-6 and below 1e21, and pads the exponent ("1e-07" for JS's
 * "1e-7"). Such values are rare here, so only they go through the regular expression. Exact below 2^53 in
 * magnitude (above, where doubles are integers 8 or more apart, the two may break a tie of shortest digits
 * differently; no count, money or rate of the copy gets there). `v` is evaluated several times: pass a column. Pure.
 */
export function jsNumberSql(v: string): string {
  const parts = `regexp_match((${v})::text, '^(-?)([0-9])(?:\\.([0-9]+))?e([-+])([0-9]+)$')`;
  // p[1] sign, p[2] first digit, p[3] other digits, p[4] exponent sign, p[5] exponent digits.
  const digits = `(p[2] || COALESCE(p[3], ''))`;
  const exponent = `((p[4] || p[5])::int)`;
  return `CASE WHEN (${v}) = 0 THEN '0'
    WHEN abs(${v}) >= 1e-4::float8 AND abs(${v}) < 1e15::float8 THEN (${v})::text
    ELSE (SELECT CASE
      WHEN ${exponent} BETWEEN -6 AND -1 THEN p[1] || '0.' || repeat('0', -${exponent} - 1) || ${digits}
      WHEN ${exponent} BETWEEN 0 AND 20 AND length(${digits}) - 1 <= ${exponent} THEN p[1] || ${digits} || repeat('0', ${exponent} - length(${digits}) + 1)
      WHEN ${exponent} BETWEEN 0 AND 20 THEN p[1] || left(${digits}, ${exponent} + 1) || '.' || substr(${digits}, ${exponent} + 2)
      ELSE p[1] || p[2] || COALESCE('.' || p[3], '') || 'e' || p[4] || (p[5]::int)::text
    END FROM (SELECT ${parts} AS p) f)
  END`;
}

/**
 * The actions of a range as JSON, like `nonEmpty(actionsBetween(end, start))`: the end's types in code-point order,
 * integers subtracted as they are and the rest rounded to the micro, zeros left out; NULL when none is left.
 */
function actionsSql(end: string, start: string): string {
  const difference = `CASE WHEN t.to_v = trunc(t.to_v) AND t.from_v = trunc(t.from_v) THEN t.to_v - t.from_v ELSE ${round6Sql('t.to_v - t.from_v')} END`;
  return `(SELECT '[' || string_agg('{"action_type":' || to_json(a.k)::text || ',"value":' || ${jsNumberSql('a.v')} || '}', ',' ORDER BY a.k COLLATE "C") || ']'
      FROM (SELECT t.k, ${difference} AS v
              FROM (SELECT ek.key AS k, ek.value::float8 AS to_v, COALESCE((${start} ->> ek.key)::float8, 0::float8) AS from_v
                      FROM jsonb_each_text(${end}) ek) t) a
     WHERE a.v <> 0)`;
}

/** How each field is written, as SQL over the columns of `n` (numbers of the range) and `m` (money and rates). */
const FIELD_SQL: Readonly<Record<string, (read: MetaInsightsRead) => string>> = {
  campaign_id: () => `to_json(n.campaign_id)::text`,
  campaign_name: () => `to_json(n.campaign_name)::text`,
  impressions: () => `n.impressions::text`,
  clicks: () => `n.clicks::text`,
  spend: () => jsNumberSql('m.spend'),
  cpm: () => jsNumberSql('m.cpm'),
  cpc: () => `CASE WHEN n.clicks <> 0 THEN ${jsNumberSql('m.cpc')} END`,
  ctr: () => jsNumberSql('m.ctr'),
  actions: () => actionsSql('n.e_actions', 'n.s_actions'),
  action_values: () => actionsSql('n.e_action_values', 'n.s_action_values'),
  date_start: (read) => `to_json(${sqlString(read.startDate)}::text)::text`,
  date_stop: (read) => `to_json(${sqlString(read.endDate)}::text)::text`,
};

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Whether the SQL path can write this key. */
export const madeBySql = (key: string) => FIELD_SQL[key] !== undefined;

/**
 * One statement giving the answer's JSON text (`json`) and the session's extra_float_digits (`float_digits`, the
 * text form of float8 is shortest round-trip only when it is at least 1). Parameters: tenant, account, breakdown,
 * the range's end, the day before its start, the currency's minor units per unit. Pure.
 */
export function localInsightsJsonSql(read: MetaInsightsRead, withActions: boolean): { sql: string; keys: string[] } {
  const keys = localInsightKeys(read, madeBySql);
  const members = keys.map((key) => `${sqlJsonKey(key)} || ${FIELD_SQL[key](read)}`);
  if (read.breakdown) members.push(`${sqlJsonKey(read.breakdown)} || to_json(n.breakdown_value)::text`);
  const actions = withActions ? ', e.actions AS e_actions, e.action_values AS e_action_values, s.actions AS s_actions, s.action_values AS s_action_values' : '';
  const sql = `
    SELECT COALESCE('[' || string_agg('{' || concat_ws(',', ${members.join(',\n      ')}) || '}', ',' ORDER BY n.campaign_id, n.breakdown_value) || ']', '[]') AS json,
           current_setting('extra_float_digits')::int AS float_digits
      FROM (SELECT e.campaign_id, e.breakdown_value, e.campaign_name,
                   e.impressions - COALESCE(s.impressions, 0) AS impressions,
                   e.clicks - COALESCE(s.clicks, 0) AS clicks,
                   e.spend - COALESCE(s.spend, 0) AS spend${actions}
              FROM meta_campaign_insight_totals e
              LEFT JOIN meta_campaign_insight_totals s
                ON s.ad_account_id = e.ad_account_id AND s.breakdown = e.breakdown AND s.date = $5::date
               AND s.campaign_id = e.campaign_id AND s.breakdown_value = e.breakdown_value
             WHERE e.tenant_id = $1 AND e.ad_account_id = $2 AND e.breakdown = $3 AND e.date = $4::date
               AND e.days > COALESCE(s.days, 0)) n
      CROSS JOIN LATERAL (SELECT CASE WHEN $6::float8 = 1 THEN n.spend::float8 ELSE n.spend::float8 / $6::float8 END AS spend) money
      CROSS JOIN LATERAL (SELECT money.spend,
             CASE WHEN n.impressions <> 0 THEN ${round6Sql('(money.spend / n.impressions::float8) * 1000::float8')} ELSE 0::float8 END AS cpm,
             CASE WHEN n.clicks <> 0 THEN ${round6Sql('money.spend / n.clicks::float8')} END AS cpc,
             CASE WHEN n.impressions <> 0 THEN ${round6Sql('(n.clicks::float8 / n.impressions::float8) * 100::float8')} ELSE 0::float8 END AS ctr) m`;
  return { sql, keys };
}
