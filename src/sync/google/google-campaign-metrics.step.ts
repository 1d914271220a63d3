import { isGoogleMetricsForManager, mapGoogleCampaignMetrics } from '../../platforms/google/google-import.mapper';
import { googleCampaignMetricsQuery, googleDateRange } from '../../platforms/google/google-import.queries';
import type { ImportRun, ImportStep } from '../import-step';
import { GoogleCopyWriter } from './google-copy.writer';
import type { GoogleImportSearch } from './google-import-search';

interface MetricsCheckpoint {
  /** The window being copied, kept so a resumed run asks the same query (page tokens are bound to it). */
  from: string;
  to: string;
  pageToken?: string;
  total?: number;
  done?: boolean;
}

/**
 * Daily metrics per campaign (`segments.date`) over the last `historyDays` on a full import, the last
 * `resyncInsightDays` on a re-sync (Google keeps revising recent days: conversions arrive late). The last page also
 * drops the window's days this import did not see, since Google leaves days without activity out.
 */
export class GoogleCampaignMetricsStep implements ImportStep {
  readonly name = 'campaign_metrics';

  constructor(private readonly search: GoogleImportSearch) {}

  async run(run: ImportRun): Promise<void> {
    const saved = run.checkpoint<MetricsCheckpoint>(this.name);
    if (!saved?.done) {
      try {
        await this.copy(run, saved);
      } catch (error) {
        // A manager account has no metrics of its own (its clients are accounts of their own).
        if (!isGoogleMetricsForManager(error)) throw error;
      }
    }
    await run.finishStep(this.name);
  }

  private async copy(run: ImportRun, saved: MetricsCheckpoint | undefined): Promise<void> {
    const { account, importId } = run;
    const { from, to } = saved ?? googleDateRange(run.today, run.mode === 'full' ? run.historyDays : run.resyncInsightDays);
    let total = saved?.total;
    for await (const page of this.search.pages(run, googleCampaignMetricsQuery(from, to), saved?.pageToken)) {
      total = page.totalResultsCount ?? total;
      const records = mapGoogleCampaignMetrics(page.rows, account.currency);
      const last = !page.nextPageToken;
      const checkpoint: MetricsCheckpoint = last ? { from, to, total, done: true } : { from, to, pageToken: page.nextPageToken, total };
      await run.commitPage(
        this.name,
        async (sql) => {
          const written = await GoogleCopyWriter.campaignMetrics(sql, account, importId, records);
          if (last) await GoogleCopyWriter.dropStaleMetrics(sql, account, importId, from, to);
          return written;
        },
        { checkpoint, total },
      );
    }
  }
}
