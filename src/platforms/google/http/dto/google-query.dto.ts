import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GOOGLE_ASSET_LEVELS, GOOGLE_REPORT_LEVELS, GoogleAssetLevel, GoogleReportLevel } from '../../google-report.fields';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `fields` arrives as `fields=a,b` or as `fields=a&fields=b` (the seed's array): both become one list of trimmed,
 * non-empty names. Anything that is not a string stays as it is so the validators refuse it.
 */
export function fieldList(value: unknown): unknown {
  const parts = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  if (!parts) return value;
  return parts.flatMap((part) => part.split(',')).map((name) => name.trim()).filter(Boolean);
}

/** Every `/{teamId}/google/…` account route may name its ad account; the guard reads it. */
export class GoogleAccountQueryDto {
  @ApiPropertyOptional({ example: '1234567890', description: 'Google Ads customer id, hyphens allowed, or our ad account uuid (optional when the team has only one)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  adAccountId?: string;
}

class GoogleFieldsQueryDto extends GoogleAccountQueryDto {
  @ApiPropertyOptional({ type: [String], description: "Fields from the level's allow-list, comma-separated or repeated; default: the level's defaults" })
  @IsOptional()
  @Transform(({ value }) => fieldList(value))
  @IsArray()
  @ArrayMaxSize(60)
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { each: true, message: 'each field must be a snake_case name' })
  fields?: string[];
}

export class GoogleInsightsQueryDto extends GoogleFieldsQueryDto {
  @ApiPropertyOptional({ enum: GOOGLE_REPORT_LEVELS, description: 'Default: customer' })
  @IsOptional()
  @IsIn(GOOGLE_REPORT_LEVELS)
  level?: GoogleReportLevel;

  @ApiProperty({ example: '2026-11-01' })
  @Matches(DAY, { message: 'startDate must be YYYY-MM-DD' })
  startDate: string;

  @ApiProperty({ example: '2026-11-30' })
  @Matches(DAY, { message: 'endDate must be YYYY-MM-DD' })
  endDate: string;
}

export class GoogleAssetsQueryDto extends GoogleFieldsQueryDto {
  @ApiPropertyOptional({ enum: GOOGLE_ASSET_LEVELS, description: 'customer (FROM asset, the default), campaign (FROM campaign_asset) or ad_group (FROM ad_group_asset)' })
  @IsOptional()
  @IsIn(GOOGLE_ASSET_LEVELS)
  level?: GoogleAssetLevel;
}
