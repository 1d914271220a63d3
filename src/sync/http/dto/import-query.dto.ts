import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ImportRequestQueryDto {
  @ApiPropertyOptional({ description: "The platform's ad account id (optional when the team has only one)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  adAccountId?: string;

  @ApiPropertyOptional({ enum: ['full', 'resync'], description: 'Default: resync when the account was imported before, else full' })
  @IsOptional()
  @IsIn(['full', 'resync'])
  mode?: 'full' | 'resync';
}
