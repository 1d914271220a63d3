import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApiKey } from './api-key.entity';

export type TenantStatus = 'active' | 'disabled';

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

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => ApiKey, (key) => key.tenant)
  apiKeys?: ApiKey[];
}
