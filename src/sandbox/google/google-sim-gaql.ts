/** A GAQL parse or evaluation failure: answered as `family` (queryError unless said) `code`, HTTP 400. */
export class SimGaqlError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly family = 'queryError',
  ) {
    super(message);
  }
}

export type SimGaqlOperator = '=' | '!=' | '>' | '<' | '>=' | '<=' | 'IN' | 'NOT IN' | 'BETWEEN' | 'DURING';
/** Quoted strings and bare words (enum names, TRUE) are strings; numbers are numbers. */
export type SimGaqlLiteral = string | number;

export interface SimGaqlCondition {
  field: string;
  op: SimGaqlOperator;
  values: SimGaqlLiteral[];
}

export interface SimGaqlQuery {
  select: string[];
  from: string;
  where: SimGaqlCondition[];
  orderBy: Array<{ field: string; desc: boolean }>;
  limit?: number;
}

type Token = { kind: 'op' | 'str' | 'num' | 'word'; text: string };

const TOKEN = /\s*(?:(!=|>=|<=|=|>|<|\(|\)|,)|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_][A-Za-z0-9_.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      const rest = text.slice(at).trimStart();
      if (rest.startsWith("'") || rest.startsWith('"')) throw new SimGaqlError('STRING_NOT_TERMINATED', 'A string literal is not terminated.');
      throw new SimGaqlError('UNEXPECTED_INPUT', `Error in query: unexpected input ${rest.slice(0, 10)}.`);
    }
    if (match[1]) tokens.push({ kind: 'op', text: match[1] });
    else if (match[2] !== undefined || match[3] !== undefined) tokens.push({ kind: 'str', text: (match[2] ?? match[3]).replace(/\\(.)/g, '$1') });
    else if (match[4]) tokens.push({ kind: 'num', text: match[4] });
    else tokens.push({ kind: 'word', text: match[5] });
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  peekKeyword(...words: string[]): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'word' && words.includes(token.text.toUpperCase());
  }
  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new SimGaqlError('UNEXPECTED_END_OF_QUERY', 'Error in query: unexpected end of query.');
    return token;
  }
  keyword(word: string, code: string): void {
    if (!this.peekKeyword(word)) throw new SimGaqlError(code, `Error in query: expected ${word}.`);
    this.index++;
  }
  op(text: string): void {
    const token = this.next();
    if (token.kind !== 'op' || token.text !== text) throw new SimGaqlError('UNEXPECTED_INPUT', `Error in query: expected '${text}', got '${token.text}'.`);
  }
  field(): string {
    const token = this.next();
    if (token.kind !== 'word' || !/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(token.text)) throw new SimGaqlError('BAD_FIELD_NAME', `Error in query: invalid field name '${token.text}'.`);
    return token.text;
  }
  literal(): SimGaqlLiteral {
    const token = this.next();
    if (token.kind === 'num') return Number(token.text);
    if (token.kind === 'str' || token.kind === 'word') return token.text;
    throw new SimGaqlError('BAD_VALUE', `Error in query: unexpected '${token.text}' where a value was expected.`);
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }

  condition(): SimGaqlCondition {
    const field = this.field();
    if (this.peekKeyword('IN', 'NOT')) {
      const negated = this.peekKeyword('NOT');
      if (negated) this.keyword('NOT', 'BAD_OPERATOR');
      this.keyword('IN', 'BAD_OPERATOR');
      this.op('(');
      const values = [this.literal()];
      while (this.tokens[this.index]?.text === ',') {
        this.index++;
        values.push(this.literal());
      }
      this.op(')');
      return { field, op: negated ? 'NOT IN' : 'IN', values };
    }
    if (this.peekKeyword('BETWEEN')) {
      this.index++;
      const from = this.literal();
      this.keyword('AND', 'EXPECTED_AND');
      return { field, op: 'BETWEEN', values: [from, this.literal()] };
    }
    if (this.peekKeyword('DURING')) {
      this.index++;
      return { field, op: 'DURING', values: [this.next().text] };
    }
    const op = this.next();
    if (op.kind !== 'op' || !['=', '!=', '>', '<', '>=', '<='].includes(op.text)) throw new SimGaqlError('BAD_OPERATOR', `Error in query: unsupported operator '${op.text}'.`);
    return { field, op: op.text as SimGaqlOperator, values: [this.literal()] };
  }
}

/** SELECT f, … FROM r [WHERE c AND …] [ORDER BY f [ASC|DESC], …] [LIMIT n]: the subset of GAQL the simulator needs. */
export function parseGaql(text: string): SimGaqlQuery {
  const parser = new Parser(tokenize(text));
  parser.keyword('SELECT', 'EXPECTED_SELECT');
  const select = [parser.field()];
  while (!parser.done() && !parser.peekKeyword('FROM')) {
    parser.op(',');
    select.push(parser.field());
  }
  parser.keyword('FROM', 'EXPECTED_FROM');
  const from = parser.next();
  if (from.kind !== 'word' || !/^[a-z_]+$/.test(from.text)) throw new SimGaqlError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `Error in query: invalid resource '${from.text}'.`);
  const query: SimGaqlQuery = { select, from: from.text, where: [], orderBy: [] };
  if (parser.peekKeyword('WHERE')) {
    parser.keyword('WHERE', 'UNEXPECTED_INPUT');
    query.where.push(parser.condition());
    while (parser.peekKeyword('AND')) {
      parser.keyword('AND', 'EXPECTED_AND');
      query.where.push(parser.condition());
    }
  }
  if (parser.peekKeyword('ORDER')) {
    parser.keyword('ORDER', 'UNEXPECTED_INPUT');
    parser.keyword('BY', 'EXPECTED_BY');
    for (;;) {
      const field = parser.field();
      const desc = parser.peekKeyword('DESC');
      if (parser.peekKeyword('ASC', 'DESC')) parser.next();
      query.orderBy.push({ field, desc });
      if (parser.done() || parser.peekKeyword('LIMIT')) break;
      parser.op(',');
    }
  }
  if (parser.peekKeyword('LIMIT')) {
    parser.keyword('LIMIT', 'UNEXPECTED_INPUT');
    const limit = parser.next();
    if (limit.kind !== 'num' || !/^\d+$/.test(limit.text) || Number(limit.text) < 1) throw new SimGaqlError('BAD_LIMIT_VALUE', 'Error in query: bad LIMIT value.');
    query.limit = Number(limit.text);
  }
  if (!parser.done()) throw new SimGaqlError('UNEXPECTED_INPUT', `Error in query: unexpected input ${parser.next().text}.`);
  return query;
}

const day = (date: Date, offset: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + offset)).toISOString().slice(0, 10);

/** A DURING preset as [first, last] day, counted in UTC (Google counts in the account's time zone). */
export function duringRange(preset: string, now = new Date()): [string, string] {
  const sunday = now.getUTCDay();
  const monday = (sunday + 6) % 7;
  const ranges: Record<string, [number, number]> = {
    TODAY: [0, 0],
    YESTERDAY: [-1, -1],
    LAST_7_DAYS: [-7, -1],
    LAST_14_DAYS: [-14, -1],
    LAST_30_DAYS: [-30, -1],
    THIS_WEEK_SUN_TODAY: [-sunday, 0],
    THIS_WEEK_MON_TODAY: [-monday, 0],
    LAST_WEEK_SUN_SAT: [-sunday - 7, -sunday - 1],
    LAST_WEEK_MON_SUN: [-monday - 7, -monday - 1],
    LAST_BUSINESS_WEEK: [-monday - 7, -monday - 3],
    THIS_MONTH: [1 - now.getUTCDate(), 0],
  };
  if (preset === 'LAST_MONTH') {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return [day(first, 0), day(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), -1)];
  }
  const range = ranges[preset];
  if (!range) throw new SimGaqlError('INVALID_VALUE_WITH_DURING_OPERATOR', `Error in query: invalid value '${preset}' with DURING.`);
  return [day(now, range[0]), day(now, range[1])];
}
