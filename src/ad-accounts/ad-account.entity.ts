import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlatformName } from '../platforms/platform-error';

/** An ad account a team reaches through one of its connections; `accountId` is the platform's own id. */
@Entity({ name: 'ad_accounts' })
export class AdAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @Column({ type: 'text' })
  platform: PlatformName;

  @Column({ name: 'account_id', type: 'text' })
  accountId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  @Column({ type: 'text', nullable: true })
  status: string | null;

  @Column({ name: 'is_manager', type: 'boolean', default: false })
  isManager: boolean;

  @Column({ name: 'login_customer_id', type: 'text', nullable: true })
  loginCustomerId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
