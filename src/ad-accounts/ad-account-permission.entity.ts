import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AD_ACCOUNT_PERMISSIONS = ['MANAGER', 'VIEWER'] as const;
export type AdAccountPermissionLevel = (typeof AD_ACCOUNT_PERMISSIONS)[number];

/** A team member's right on one ad account: VIEWER reads, MANAGER reads and writes. */
@Entity({ name: 'ad_account_permissions' })
export class AdAccountPermission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'ad_account_id', type: 'uuid' })
  adAccountId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  permission: AdAccountPermissionLevel;

  @Column({ name: 'granted_by_user_id', type: 'uuid', nullable: true })
  grantedByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
