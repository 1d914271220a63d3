import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppException } from '../common/app.exception';
import { normalizeOrigin } from '../common/http/origin';
import { ApiResult } from '../common/http/api-result';
import { Keyset, pageResult } from '../common/pagination/keyset-page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ApiKey } from './api-key.entity';
import { ApiKeyCache } from './api-key-cache';
import { generateApiKey, hashApiKey } from './api-key-material';
import { Tenant, TenantEnvironment } from './tenant.entity';

export interface TenantView {
  id: string;
  name: string;
  status: Tenant['status'];
  environment: TenantEnvironment;
  allowedRedirectOrigins: string[];
  keyPrefix: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TenantWithKey {
  id: string;
  name: string;
  apiKey: string;
  keyPrefix: string;
  environment: TenantEnvironment;
  allowedRedirectOrigins: string[];
}

export interface ActiveTenant {
  id: string;
  name: string;
  environment: TenantEnvironment;
}

export type ApiKeyCheck = { tenant: ActiveTenant } | { problem: 'unknown' | 'disabled' };

/** Tenants and their API keys: the operator's side of the contract. */
@Injectable()
export class TenantsService {
  private readonly keyCache = new ApiKeyCache();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string, origins: string[] = [], environment: TenantEnvironment = 'live'): Promise<TenantWithKey> {
    const allowedRedirectOrigins = this.normalizeOrigins(origins);
    return this.dataSource.transaction(async (manager) => {
      const tenant = await manager.save(manager.create(Tenant, { name: name.trim(), allowedRedirectOrigins, environment }));
      return this.issueKey(manager, tenant);
    });
  }

  /** A page of tenants, oldest first. */
  async list(query: PageQueryDto): Promise<ApiResult<TenantView[]>> {
    const keyset = new Keyset(query, 1);
    const found: Array<{ page_at: string; page_id: string }> = await this.dataSource.query(
      `SELECT ${keyset.columns('t')} FROM tenants t WHERE ${keyset.after('t')} ${keyset.order('t')}`,
      keyset.parameters,
    );
    const page = keyset.page(found);
    const ids = page.rows.map((row) => row.page_id);
    const byId = new Map((await this.dataSource.getRepository(Tenant).findBy({ id: In(ids) })).map((tenant) => [tenant.id, tenant]));
    const prefixes = await this.activePrefixes(ids);
    const tenants = ids.flatMap((id) => {
      const tenant = byId.get(id);
      return tenant ? [this.view(tenant, prefixes.get(id) ?? null)] : [];
    });
    return pageResult(tenants, page.nextCursor);
  }

  async get(id: string): Promise<TenantView> {
    const tenant = await this.find(id);
    const prefixes = await this.activePrefixes([id]);
    return this.view(tenant, prefixes.get(id) ?? null);
  }

  async update(id: string, changes: { name?: string; allowedRedirectOrigins?: string[] }): Promise<TenantView> {
    const tenant = await this.find(id);
    if (changes.name !== undefined) tenant.name = changes.name.trim();
    if (changes.allowedRedirectOrigins !== undefined) tenant.allowedRedirectOrigins = this.normalizeOrigins(changes.allowedRedirectOrigins);
    await this.dataSource.getRepository(Tenant).save(tenant);
    this.keyCache.clear();
    return this.get(id);
  }

  /** Revokes every key of the tenant and issues a new one, in one transaction. */
  async rotateKey(id: string): Promise<TenantWithKey> {
    return this.dataSource.transaction(async (manager) => {
      const tenant = await manager.findOne(Tenant, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!tenant) throw AppException.notFound('Tenant not found');
      await manager
        .createQueryBuilder()
        .update(ApiKey)
        .set({ revokedAt: () => 'now()' })
        .where('tenant_id = :id AND revoked_at IS NULL', { id })
        .execute();
      return this.issueKey(manager, tenant);
    }).finally(() => this.keyCache.clear());
  }

  async setDisabled(id: string, disabled: boolean): Promise<TenantView> {
    const tenant = await this.find(id);
    tenant.status = disabled ? 'disabled' : 'active';
    tenant.disabledAt = disabled ? new Date() : null;
    await this.dataSource.getRepository(Tenant).save(tenant);
    this.keyCache.clear();
    return this.get(id);
  }

  /** The tenant behind a presented API key, if the key is live and the tenant active. */
  async checkApiKey(plaintext: string): Promise<ApiKeyCheck> {
    const hash = hashApiKey(plaintext);
    const cacheKey = hash.toString('base64');
    const cached = this.keyCache.get(cacheKey);
    if (cached) return cached;
    const rows: { id: string; name: string; status: string; environment: TenantEnvironment }[] = await this.dataSource.query(
      `SELECT t.id, t.name, t.status, t.environment FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    const row = rows[0];
    const check: ApiKeyCheck = !row ? { problem: 'unknown' } : row.status !== 'active' ? { problem: 'disabled' } : { tenant: { id: row.id, name: row.name, environment: row.environment } };
    // Unknown keys are not cached: a flood of random keys must not evict the live ones.
    if (row) this.keyCache.set(cacheKey, check);
    return check;
  }

  private async issueKey(manager: EntityManager, tenant: Tenant): Promise<TenantWithKey> {
    const key = generateApiKey(tenant.environment);
    await manager.insert(ApiKey, { tenantId: tenant.id, prefix: key.prefix, keyHash: key.hash });
    return {
      id: tenant.id,
      name: tenant.name,
      apiKey: key.plaintext,
      keyPrefix: key.prefix,
      environment: tenant.environment,
      allowedRedirectOrigins: tenant.allowedRedirectOrigins,
    };
  }

  private async find(id: string): Promise<Tenant> {
    const tenant = await this.dataSource.getRepository(Tenant).findOne({ where: { id } });
    if (!tenant) throw AppException.notFound('Tenant not found');
    return tenant;
  }

  private async activePrefixes(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { tenant_id: string; prefix: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (tenant_id) tenant_id, prefix FROM api_keys
        WHERE tenant_id = ANY($1::uuid[]) AND revoked_at IS NULL ORDER BY tenant_id, created_at DESC`,
      [ids],
    );
    return new Map(rows.map((row) => [row.tenant_id, row.prefix]));
  }

  private normalizeOrigins(origins: string[]): string[] {
    const normalized = origins.map((origin) => {
      const value = normalizeOrigin(origin);
      if (!value) throw AppException.badRequest('Validation failed', [`${origin} is not an origin such as https://app.example.com`]);
      return value;
    });
    return [...new Set(normalized)];
  }

  private view(tenant: Tenant, keyPrefix: string | null): TenantView {
    return {
      id: tenant.id,
      name: tenant.name,
      status: tenant.status,
      environment: tenant.environment,
      allowedRedirectOrigins: tenant.allowedRedirectOrigins,
      keyPrefix,
      createdAt: tenant.createdAt,
      updatedAt: tenant.updatedAt,
    };
  }
}
