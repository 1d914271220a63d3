import { ApiProperty } from '@nestjs/swagger';

export class PermissionAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['meta', 'google'] }) platform: string;
  @ApiProperty() accountId: string;
}

export class PermissionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['MANAGER', 'VIEWER'] }) permission: string;
  @ApiProperty() externalUserId: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: PermissionAccountDto }) adsAccount: PermissionAccountDto;
}
