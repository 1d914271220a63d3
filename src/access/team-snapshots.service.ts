import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { PgNotificationListener } from '../database/pg-notification-listener';
import { TeamSnapshot, teamSnapshotFromRows, TeamSnapshotRow } from './team-snapshot';
import { TeamSnapshotCache } from './team-snapshot-cache';

/** The channel the migration AddTeamChangeNotifications notifies on. */
const CHANNEL = 'team_changes';
const DROP_WHEN_ANSWERED = Symbol('dropTeamSnapshotsWhenAnswered');

export type SnapshotTarget = { teamId: string } | { workspaceId: string };

type MarkedRequest = FastifyRequest & { [DROP_WHEN_ANSWERED]?: SnapshotTarget };

/**
 * Team snapshots (members' roles and the team read) from one query, cached per process. Invalidation:
 * - in this process, a write authorized by the team or workspace guards drops the entries when its answer is sent,
 *   after its transaction committed, so the caller's next request sees the change;
 * - from anywhere (other replicas, the CLI, SQL, cascades), the database's `team_changes` notifications drop them;
 * - while the listener is not live the cache is off: every read goes to the database.
 */
@Injectable()
export class TeamSnapshots implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TeamSnapshots.name);
  private readonly cache = new TeamSnapshotCache();
  private listener?: PgNotificationListener;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onSend', (request, _reply, payload, done) => {
      const target = (request as MarkedRequest)[DROP_WHEN_ANSWERED];
      if (target) this.invalidate(target);
      done(null, payload);
    });
  }

  onApplicationBootstrap(): void {
    const url = 'url' in this.dataSource.options ? this.dataSource.options.url : undefined;
    if (!url) {
      this.logger.warn('No database URL for the change listener: team reads are not cached');
      return;
    }
    this.listener = new PgNotificationListener({
      connectionString: url,
      channel: CHANNEL,
      applicationName: 'adlyft-backend-listener',
      notify: (payload) => this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]),
      onMessage: (payload) => this.onChange(payload),
      onLiveChange: (live) => this.cache.setEnabled(live),
      onProblem: (message, error) => this.logger.warn(`Team change listener: ${message}${error ? ` (${(error as Error).message})` : ''}`),
    });
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** For monitoring and tests: whether reads are served from the cache now, and how many teams it holds. */
  get isCaching(): boolean {
    return this.cache.isEnabled;
  }

  get cachedTeams(): number {
    return this.cache.size;
  }

  /** The team of this tenant with its workspace and members; from the cache when it is live. */
  async get(tenantId: string, teamId: string): Promise<TeamSnapshot | undefined> {
    const cached = this.cache.get(tenantId, teamId);
    if (cached) return cached;
    const ticket = this.cache.ticket();
    const rows: TeamSnapshotRow[] = await this.dataSource.query(
      `SELECT t.id AS team_id, t.name AS team_name, t.is_default, t.created_at AS team_created_at, t.updated_at AS team_updated_at,
              w.id AS workspace_id, w.name AS workspace_name, w.enterprise_id, w.admin_user_id,
              m.id AS member_id, m.role, m.user_id, m.created_at AS member_created_at, m.updated_at AS member_updated_at,
              u.external_user_id
         FROM teams t
         JOIN workspaces w ON w.id = t.workspace_id AND w.tenant_id = t.tenant_id
         LEFT JOIN (team_members m JOIN users u ON u.id = m.user_id) ON m.team_id = t.id AND m.tenant_id = t.tenant_id
        WHERE t.id = $1 AND t.tenant_id = $2
        ORDER BY m.created_at, m.id`,
      [teamId, tenantId],
    );
    const snapshot = teamSnapshotFromRows(tenantId, rows);
    if (snapshot) this.cache.set(snapshot, ticket);
    return snapshot;
  }

  /** For a write: drop the target's snapshots once the answer goes out, i.e. after the handler committed. */
  dropWhenAnswered(request: FastifyRequest, target: SnapshotTarget): void {
    (request as MarkedRequest)[DROP_WHEN_ANSWERED] = target;
  }

  invalidate(target: SnapshotTarget): void {
    if ('teamId' in target) this.cache.invalidateTeam(target.teamId);
    else this.cache.invalidateWorkspace(target.workspaceId);
  }

  private onChange(payload: string): void {
    const [kind, id] = payload.split(':', 2);
    if (kind === 'team' && id) this.cache.invalidateTeam(id);
    else if (kind === 'workspace' && id) this.cache.invalidateWorkspace(id);
    else this.cache.clear();
  }
}
