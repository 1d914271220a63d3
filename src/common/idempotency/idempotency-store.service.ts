import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppException } from '../app.exception';

const REPLAY_WINDOW = '24 hours';
const WAIT_FOR_FIRST_MS = 30_000;
const POLL_MS = 100;

export type IdempotencyClaim = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

interface KeyRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
}

/**
 * One row per (tenant, key): claimed before the work, completed with the answer after it, released when the work
 * failed so that a retry does it again. A second request with the key waits for the first and replays its answer.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(tenantId: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND created_at < now() - interval '${REPLAY_WINDOW}'`,
        [tenantId, key],
      );
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (tenant_id, key, fingerprint, state) VALUES ($1, $2, $3, 'in_progress')
         ON CONFLICT (tenant_id, key) DO NOTHING RETURNING key`,
        [tenantId, key, fingerprint],
      );
      if (inserted.length > 0) return { kind: 'new' };
      const [row]: KeyRow[] = await this.dataSource.query(
        `SELECT fingerprint, state, response_status, response_body FROM idempotency_keys WHERE tenant_id = $1 AND key = $2`,
        [tenantId, key],
      );
      if (row && row.fingerprint !== fingerprint) {
        throw AppException.conflict('This Idempotency-Key was already used with a different request', ['Idempotency-Key is bound to another request']);
      }
      if (row?.state === 'completed') return { kind: 'replay', status: row.response_status ?? 200, body: row.response_body };
      if (Date.now() > deadline) throw AppException.conflict('A request with this Idempotency-Key is still in progress; retry later');
      await sleep(POLL_MS);
    }
  }

  async complete(tenantId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4::jsonb, completed_at = now()
        WHERE tenant_id = $1 AND key = $2`,
      [tenantId, key, status, JSON.stringify(body ?? null)],
    );
  }

  async release(tenantId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND state = 'in_progress'`, [tenantId, key]);
  }

  /** Housekeeping: rows past the replay window are never read again. */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '${REPLAY_WINDOW}'`);
  }
}
