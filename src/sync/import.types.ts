import type { PlatformName } from '../platforms/platform-error';
import type { StepProgress } from './import-step';

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type ImportMode = 'full' | 'resync';

export const IMPORT_QUEUE = 'sync.import';
export const RESYNC_SWEEP_QUEUE = 'sync.resync-sweep';

/** A row of `imports`. */
export interface ImportRow {
  id: string;
  tenant_id: string;
  team_id: string;
  ad_account_id: string;
  platform: PlatformName;
  status: ImportStatus;
  mode: ImportMode;
  progress: Record<string, StepProgress>;
  checkpoints: Record<string, unknown>;
  finished_steps: string[];
  platform_calls: number;
  attempts: number;
  requested_by_user_id: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface ImportJobData {
  importId: string;
  tenantId: string;
}

/** What the status endpoint shows. */
export interface ImportView {
  id: string;
  platform: PlatformName;
  adAccountId: string;
  status: ImportStatus;
  mode: ImportMode;
  progress: Record<string, StepProgress>;
  platformCalls: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string } | null;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

/** `adAccountId` is the platform's account id, as clients name it everywhere else. */
export function importView(row: ImportRow, platformAccountId: string): ImportView {
  return {
    id: row.id,
    platform: row.platform,
    adAccountId: platformAccountId,
    status: row.status,
    mode: row.mode,
    progress: row.progress,
    platformCalls: row.platform_calls,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  };
}
