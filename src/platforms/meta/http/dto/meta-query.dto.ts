import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../../common/pagination/page-query.dto';

const ID_LIST = /^\d{1,30}(,\d{1,30}){0,99}$/;
const ID_LIST_MESSAGE = (name: string) => `${name} must be comma-separated numeric ids (at most 100)`;

/** Every `/{teamId}/meta/…` route may name its ad account; the guard reads it. */
export class MetaAccountQueryDto {
  @ApiPropertyOptional({ example: 'act_483489024830589', description: "Meta ad account id (optional when the team has only one)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  adAccountId?: string;
}

export class MetaFieldsQueryDto extends MetaAccountQueryDto {
  @ApiPropertyOptional({ example: 'id,name,status', description: "Comma-separated fields from the endpoint's list; default: all of them" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  fields?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: read live from Meta even when the account has a local copy' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'live must be true or false' })
  live?: string;
}

/** Object reads are paged, from the local copy and live alike: `limit` 1–100 (default 25) and `cursor`. */
export class MetaObjectsQueryDto extends IntersectionType(MetaFieldsQueryDto, PageQueryDto) {}

export class MetaCampaignsQueryDto extends MetaObjectsQueryDto {
  @ApiPropertyOptional({ description: 'Campaign id(s), comma-separated' })
  @IsOptional()
  @Matches(ID_LIST, { message: ID_LIST_MESSAGE('campaignId') })
  campaignId?: string;
}

export class MetaAdsetsQueryDto extends MetaCampaignsQueryDto {
  @ApiPropertyOptional({ description: 'Ad set id(s), comma-separated' })
  @IsOptional()
  @Matches(ID_LIST, { message: ID_LIST_MESSAGE('adsetId') })
  adsetId?: string;
}

export class MetaAdsQueryDto extends MetaAdsetsQueryDto {
  @ApiPropertyOptional({ description: 'Ad id(s), comma-separated' })
  @IsOptional()
  @Matches(ID_LIST, { message: ID_LIST_MESSAGE('adId') })
  adId?: string;
}

export class MetaAdcreativesQueryDto extends MetaObjectsQueryDto {
  @ApiPropertyOptional({ description: 'Ad creative id(s), comma-separated' })
  @IsOptional()
  @Matches(ID_LIST, { message: ID_LIST_MESSAGE('adcreativeId') })
  adcreativeId?: string;
}

export class MetaInsightsQueryDto extends MetaFieldsQueryDto {
  @ApiPropertyOptional({ enum: ['account', 'campaign', 'adset', 'ad'], description: 'Default: account' })
  @IsOptional()
  @IsString()
  level?: string;

  @ApiPropertyOptional({ enum: ['gender', 'country', 'age', 'publisher_platform', 'impression_device'] })
  @IsOptional()
  @IsString()
  breakdown?: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be YYYY-MM-DD' })
  startDate: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be YYYY-MM-DD' })
  endDate: string;
}

export class MetaLeadFormQueryDto extends MetaAccountQueryDto {
  @ApiPropertyOptional({ description: "A page of the connected user (optional when they have only one)" })
  @IsOptional()
  @Matches(/^\d{1,30}$/, { message: 'pageId must be a numeric page id' })
  pageId?: string;
}

export function idList(value: string | undefined): string[] | undefined {
  return value ? [...new Set(value.split(','))] : undefined;
}
