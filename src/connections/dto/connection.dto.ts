import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuthUrlDto {
  @ApiProperty({ description: "The platform's consent page; send the user's browser there" })
  authUrl: string;
}

export class AdAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['meta', 'google'] }) platform: string;
  @ApiProperty({ description: "The platform's id: Meta's number without act_, Google's 10-digit customer id" }) accountId: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty({ nullable: true, type: String }) timezone: string | null;
  @ApiProperty({ nullable: true, type: String }) status: string | null;
  @ApiProperty() isManager: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Google: the manager id used as login-customer-id' }) loginCustomerId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['meta', 'google'] }) platform: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ enum: ['active', 'expired'] }) status: string;
  @ApiProperty({ description: 'false once the platform refused the token: connect again' }) connected: boolean;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty() platformUserId: string;
  @ApiProperty({ type: [String] }) scopes: string[];
  @ApiProperty({ nullable: true, type: String }) tokenExpiresAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [AdAccountDto] }) adsAccounts: AdAccountDto[];
}

export class ConnectionListDto {
  @ApiProperty() success: boolean;
  @ApiProperty() count: number;
  @ApiProperty({ type: [ConnectionDto] }) data: ConnectionDto[];
}

export class AdAccountStatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['meta', 'google'] }) platform: string;
  @ApiProperty() connected: boolean;
  @ApiProperty({ description: "The platform's account id (the seed's spelling)" }) ads_accooun_id: string;
  @ApiProperty({ description: "The platform's account id" }) ads_account_id: string;
  @ApiProperty({ nullable: true, type: String }) account_name: string | null;
  @ApiProperty({ format: 'uuid' }) connectionId: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the account is not connected' }) reason: string | null;
}

export class ConnectionStatusDto {
  @ApiProperty({ type: [AdAccountStatusDto] }) connected: AdAccountStatusDto[];
}

export class RemovedAdAccountDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ format: 'uuid' }) adsAccountId: string;
  @ApiProperty({ description: '1 when this was the last account of its connection, which is then removed too' }) deletedConnections: number;
  @ApiProperty() deletedAdsAccount: boolean;
}

export class DeletedConnectionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() platform: string;
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty() adsAccounts: number;
  @ApiProperty() permissions: number;
  @ApiProperty({ description: 'Whether the platform confirmed the revoke (a failure is logged, not fatal)' }) revokedAtPlatform: boolean;
}

export class DisconnectResultDto {
  @ApiProperty({ type: DeletedConnectionDto }) deleted: DeletedConnectionDto;
}
