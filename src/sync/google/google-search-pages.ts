import type { GoogleAdsClient, GoogleAdsPage, GoogleAdsRow } from '../../platforms/google/google-ads.client';
import { isGooglePageTokenRefused } from '../../platforms/google/google-import.mapper';
import type { ImportRun } from '../import-step';

/** A listing restarted this many times because Google refused its page token is given up (something else is wrong). */
const MAX_RESTARTS = 3;

/**
 * The pages of one GAQL query for the account being imported, one platform call each, through its manager when it has
 * one. `resumeToken` continues a crashed run; Google page tokens expire, so a refused one restarts the listing from
 * its first page (rows are upserted, so reading some again is harmless).
 */
export async function* googleSearchPages(run: ImportRun, ads: GoogleAdsClient, query: string, resumeToken?: string): AsyncGenerator<GoogleAdsPage<GoogleAdsRow>> {
  const { accountId, loginCustomerId } = run.account;
  let pageToken = resumeToken;
  let restarts = 0;
  for (;;) {
    let page: GoogleAdsPage<GoogleAdsRow>;
    try {
      page = await run.withAccessToken((accessToken) => ads.searchPage<GoogleAdsRow>(accessToken, accountId, query, { loginCustomerId, pageToken, totalCount: !pageToken }));
    } catch (error) {
      if (!pageToken || !isGooglePageTokenRefused(error) || ++restarts > MAX_RESTARTS) throw error;
      pageToken = undefined;
      continue;
    } finally {
      run.countCalls();
    }
    yield page;
    if (!page.nextPageToken) return;
    pageToken = page.nextPageToken;
  }
}
