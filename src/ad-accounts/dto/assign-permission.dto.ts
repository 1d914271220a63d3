import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AD_ACCOUNT_PERMISSIONS, AdAccountPermissionLevel } from '../ad-account-permission.entity';

export class RevokePermissionDto {
  @ApiProperty({ example: 'act_483489024830589', description: "The platform's id: `act_123` or `123` for Meta, the 10-digit customer id for Google" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  adAccountId: string;

  @ApiProperty({ example: 'user-42', description: 'A member of the team' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalUserId: string;
}

export class AssignPermissionDto extends RevokePermissionDto {
  @ApiProperty({ enum: AD_ACCOUNT_PERMISSIONS, description: 'VIEWER reads the account; MANAGER reads and writes' })
  @IsIn(AD_ACCOUNT_PERMISSIONS)
  permission: AdAccountPermissionLevel;
}
