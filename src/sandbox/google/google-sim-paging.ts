import { createHash } from 'node:crypto';
import type { SimReply } from './google-sim-errors';
import { isRecord } from './google-sim-http';
import type { runSimQuery } from './google-sim-query';

type SimQueryResult = ReturnType<typeof runSimQuery>;

/** googleAds:searchStream's answer: the rows in batches of `rowsPerPage`, at least one batch. */
export function streamBatches(result: SimQueryResult, rowsPerPage: number, requestId: string): SimReply {
  const batches = [];
  for (let offset = 0; offset === 0 || offset < result.rows.length; offset += rowsPerPage) {
    const rows = result.rows.slice(offset, offset + rowsPerPage);
    batches.push({ ...(rows.length > 0 ? { results: rows } : {}), fieldMask: result.fieldMask, requestId });
  }
  return { status: 200, body: batches };
}

/** Pages of `rowsPerPage`; a page token is bound to the customer and the query, like Google's, and can expire. */
export function searchPage(
  customerId: string,
  request: Record<string, unknown>,
  result: SimQueryResult,
  paging: { rowsPerPage: number; generation: number },
  refuse: (code: string, message: string) => SimReply,
): SimReply {
  const binding = createHash('sha256').update(`${customerId}\n${String(request.query)}`).digest('base64url').slice(0, 16);
  let offset = 0;
  if (request.pageToken !== undefined) {
    const [tokenBinding, tokenOffset, generation] = Buffer.from(String(request.pageToken), 'base64url').toString('utf8').split(':');
    offset = Number(tokenOffset);
    if (tokenBinding !== binding || !Number.isSafeInteger(offset) || offset <= 0 || offset >= result.rows.length) return refuse('INVALID_PAGE_TOKEN', 'Page token is invalid.');
    if (Number(generation) !== paging.generation) return refuse('EXPIRED_PAGE_TOKEN', 'Page token has expired.');
  }
  const rows = result.rows.slice(offset, offset + paging.rowsPerPage);
  const next =
    offset + paging.rowsPerPage < result.rows.length ? Buffer.from(`${binding}:${offset + paging.rowsPerPage}:${paging.generation}`).toString('base64url') : undefined;
  const settings = isRecord(request.searchSettings) ? request.searchSettings : {};
  return {
    status: 200,
    body: {
      ...(rows.length > 0 ? { results: rows } : {}),
      ...(next ? { nextPageToken: next } : {}),
      ...(settings.returnTotalResultsCount === true ? { totalResultsCount: String(result.rows.length) } : {}),
      fieldMask: result.fieldMask,
      queryResourceConsumption: String(10 + result.rows.length),
    },
  };
}
