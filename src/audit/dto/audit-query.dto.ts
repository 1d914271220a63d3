import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { AUDIT_ACTIONS, AUDIT_RESOURCE_TYPES } from '../audit-action';

export class AuditQueryDto extends PageQueryDto {
  @ApiProperty({ description: 'The workspace whose trail is read (its admin only)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  enterpriseId: string;

  @ApiPropertyOptional({ enum: AUDIT_RESOURCE_TYPES })
  @IsOptional()
  @IsIn(AUDIT_RESOURCE_TYPES)
  resourceType?: string;

  @ApiPropertyOptional({ description: 'A team, ad account (platform id), connection or campaign id' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  resourceId?: string;

  @ApiPropertyOptional({ enum: Object.keys(AUDIT_ACTIONS) })
  @IsOptional()
  @IsIn(Object.keys(AUDIT_ACTIONS))
  action?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
