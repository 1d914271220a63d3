import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamAccess } from '../../access/access.types';
import { checkAdAccountAccess } from '../../ad-accounts/ad-account-access.policy';
import type { AdAccountAccess } from '../../ad-accounts/ad-account-access.types';
import { TeamAccountResolver } from '../../ad-accounts/team-account.resolver';
import type { AuthUser } from '../../auth/auth-user';
import { AppException } from '../../common/app.exception';
import type { ApiResult } from '../../common/http/api-result';
import { Keyset, pageResult } from '../../common/pagination/keyset-page';
import type { PageQueryDto } from '../../common/pagination/page-query.dto';
import { isUuid } from '../../common/validation/uuid';
import { ImportStore } from '../import-store.service';
import { ImportMode, importView, ImportView } from '../import.types';

/** The global prefix (bootstrap/create-app.ts), for the status URL clients follow. */
const API_BASE = '/api/v1';

export interface ImportAccepted {
  importId: string;
  status: ImportView['status'];
  mode: ImportView['mode'];
  statusUrl: string;
}

/** Starting imports and showing them, with the per-account rules of the platform guard. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ImportStore,
    private readonly accounts: TeamAccountResolver,
  ) {}

  async start(account: AdAccountAccess, user: AuthUser, mode: ImportMode | undefined): Promise<ImportAccepted> {
    const { row } = await this.store.request(
      { tenantId: account.tenantId, teamId: account.teamId, adAccountId: account.adsAccountId, platform: account.platform },
      user.id,
      mode,
    );
    return { importId: row.id, status: row.status, mode: row.mode, statusUrl: `${API_BASE}/${account.teamId}/imports/${row.id}` };
  }

  /** One import, for a caller who may read its account; another team's or tenant's is a 404. */
  async get(team: TeamAccess, user: AuthUser, importId: string): Promise<ImportView> {
    if (!isUuid(importId)) throw AppException.badRequest('Validation failed', ['importId must be a UUID']);
    const found = await this.store.find(team.tenantId, team.teamId, importId.toLowerCase());
    if (!found) throw AppException.notFound('Import not found');
    const access = await this.accounts.resolve(team.tenantId, user.id, team.teamId, found.row.platform, { kind: 'id', id: found.row.ad_account_id });
    checkAdAccountAccess(access, 'READ');
    return importView(found.row, found.accountId);
  }

  /** The team's imports the caller may see (all for team and workspace admins; else those of accounts they hold a permission on). */
  async list(team: TeamAccess, user: AuthUser, query: PageQueryDto): Promise<ApiResult<ImportView[]>> {
    let visible: string[] | undefined;
    if (!team.isWorkspaceAdmin && team.role !== 'ADMIN') {
      const rows: Array<{ ad_account_id: string }> = await this.dataSource.query(
        `SELECT ad_account_id FROM ad_account_permissions WHERE tenant_id = $1 AND team_id = $2 AND user_id = $3`,
        [team.tenantId, team.teamId, user.id],
      );
      visible = rows.map((r) => r.ad_account_id);
    }
    const page = await this.store.list(team.tenantId, team.teamId, visible, new Keyset(query, 4, true));
    return pageResult(
      page.items.map(({ row, accountId }) => importView(row, accountId)),
      page.nextCursor,
    );
  }
}
