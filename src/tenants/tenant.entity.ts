import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApiKey } from './api-key.entity';

export type TenantStatus = 'active' | 'disabled';

/** Live tenants reach the real Meta and Google; sandbox tenants the built-in simulator. Fixed at creation. */
export type TenantEnvironment = 'live' | 'sandbox';

@Entity({ name: 'tenants' })
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'allowed_redirect_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedRedirectOrigins: string[];

  @Column({ type: 'text', default: 'active' })
  status: TenantStatus;

  @Column({ type: 'text', default: 'live', update: false })
  environment: TenantEnvironment;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => ApiKey, (key) => key.tenant)
  apiKeys?: ApiKey[];
}
