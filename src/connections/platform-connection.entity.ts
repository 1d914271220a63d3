import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PlatformName } from '../platforms/platform-error';

export type ConnectionStatus = 'active' | 'expired';

/**
 * One OAuth grant of one platform user to one team. Tokens are sealed by TokenVault and never leave the server. The
 * relations (team, ad accounts) are foreign keys in the migration, queried in SQL: no entity import cycles.
 */
@Entity({ name: 'platform_connections' })
export class PlatformConnection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ type: 'text' })
  platform: PlatformName;

  @Column({ name: 'platform_user_id', type: 'text' })
  platformUserId: string;

  @Column({ type: 'text', default: 'active' })
  status: ConnectionStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes: string[];

  @Column({ name: 'access_token_ciphertext', type: 'text', select: false })
  accessTokenCiphertext: string;

  @Column({ name: 'refresh_token_ciphertext', type: 'text', nullable: true, select: false })
  refreshTokenCiphertext: string | null;

  @Column({ name: 'access_token_expires_at', type: 'timestamptz', nullable: true })
  accessTokenExpiresAt: Date | null;

  @Column({ name: 'connected_by_user_id', type: 'uuid', nullable: true })
  connectedByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
