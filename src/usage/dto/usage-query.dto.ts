import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

/** Dates are checked as calendar dates, with the range rules, by `resolveUsageRange`; `limit`/`cursor` page the items. */
export class UsageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First UTC day, YYYY-MM-DD (default: 29 days before `to`)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last UTC day, YYYY-MM-DD, not before `from`, at most 366 days after it (default: today)' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}
