import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

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

export class ImportListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
