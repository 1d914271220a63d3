import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface UserRef {
  id: string;
  externalUserId: string;
}

/** Users are created on first reference, atomically, so concurrent first requests make one row. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ensure(tenantId: string, externalUserId: string, manager: EntityManager = this.dataSource.manager): Promise<UserRef> {
    const [user] = await this.ensureMany(tenantId, [externalUserId], manager);
    return user;
  }

  async ensureMany(tenantId: string, externalUserIds: string[], manager: EntityManager = this.dataSource.manager): Promise<UserRef[]> {
    if (externalUserIds.length === 0) return [];
    const unique = [...new Set(externalUserIds)];
    const rows: { id: string; external_user_id: string }[] = await manager.query(
      `INSERT INTO users (tenant_id, external_user_id)
       SELECT $1, unnest($2::text[])
       ON CONFLICT (tenant_id, external_user_id) DO UPDATE SET external_user_id = EXCLUDED.external_user_id
       RETURNING id, external_user_id`,
      [tenantId, unique],
    );
    const byExternal = new Map(rows.map((row) => [row.external_user_id, row.id]));
    return externalUserIds.map((externalUserId) => ({ id: byExternal.get(externalUserId)!, externalUserId }));
  }
}
