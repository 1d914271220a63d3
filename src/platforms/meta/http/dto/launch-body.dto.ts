import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AGE_MAX,
  AGE_MIN,
  EDUCATION_STATUSES,
  GEO_LOCATION_TYPES,
  GeoLocationInput,
  GeoLocationType,
  IdNameInput,
  LAUNCH_CALL_TO_ACTIONS,
  LAUNCH_GENDERS,
  LAUNCH_STATUSES,
  LaunchBaseInput,
  LaunchCallToAction,
  LaunchCreativeInput,
  LaunchStatus,
  LaunchTargetingInput,
  RELATIONSHIP_STATUSES,
  SPECIAL_AD_CATEGORIES,
  SpecialAdCategory,
} from '../../launch/meta-launch.types';

export const META_ID = /^\d{1,30}$/;
export const metaIdMessage = (name: string) => `${name} must be a numeric Meta id`;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };
const HTTPS_URL = { protocols: ['https'], require_protocol: true };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Whole amounts; the cap keeps every budget a safe integer in minor units. */
export const LAUNCH_BUDGET_MAX = 1_000_000_000;
const LIST_MAX = 200;
const EDUCATION_STATUS_VALUES: ReadonlyArray<number | string> = [...EDUCATION_STATUSES, ...EDUCATION_STATUSES.map(String)];

export class LaunchIdNameDto implements IdNameInput {
  @ApiProperty({ example: '6003139266461' })
  @Matches(META_ID, { message: metaIdMessage('id') })
  id: string;

  @ApiPropertyOptional({ example: 'Running' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  name?: string;
}

export class LaunchGeoLocationDto implements GeoLocationInput {
  @ApiProperty({ enum: GEO_LOCATION_TYPES })
  @IsIn(GEO_LOCATION_TYPES)
  type: GeoLocationType;

  @ApiProperty({ example: 'US', description: 'ISO country code, or the numeric key of a region or city from targeting search' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  id: string;
}

const IdNames = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [LaunchIdNameDto], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIST_MAX),
    ValidateNested({ each: true }),
    Type(() => LaunchIdNameDto),
  );

export class LaunchTargetingDto implements LaunchTargetingInput {
  @ApiPropertyOptional({ type: [Number], enum: LAUNCH_GENDERS, description: '0 all (default), 1 men, 2 women' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(LAUNCH_GENDERS, { each: true, message: '$property must only contain 0 (all), 1 (men) or 2 (women)' })
  genders?: number[];

  @ApiPropertyOptional({ minimum: AGE_MIN, maximum: AGE_MAX, example: 18 })
  @IsOptional()
  @IsInt()
  @Min(AGE_MIN)
  @Max(AGE_MAX)
  ageMin?: number;

  @ApiPropertyOptional({ minimum: AGE_MIN, maximum: AGE_MAX, example: 65 })
  @IsOptional()
  @IsInt()
  @Min(AGE_MIN)
  @Max(AGE_MAX)
  ageMax?: number;

  @ApiProperty({ type: [LaunchGeoLocationDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => LaunchGeoLocationDto)
  geoLocations: LaunchGeoLocationDto[];

  @ApiPropertyOptional({ type: [LaunchGeoLocationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => LaunchGeoLocationDto)
  excludedGeoLocations?: LaunchGeoLocationDto[];

  @IdNames('Interests from targeting search')
  interests?: LaunchIdNameDto[];

  @IdNames('Behaviors from targeting search')
  behaviors?: LaunchIdNameDto[];

  @ApiPropertyOptional({ type: [Number], enum: RELATIONSHIP_STATUSES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RELATIONSHIP_STATUSES.length)
  @IsIn(RELATIONSHIP_STATUSES, { each: true, message: `$property must only contain ${RELATIONSHIP_STATUSES.join(', ')}` })
  relationshipStatuses?: number[];

  @IdNames('Life events')
  lifeEvents?: LaunchIdNameDto[];

  @IdNames('Industries')
  industries?: LaunchIdNameDto[];

  @IdNames('Income brackets')
  income?: LaunchIdNameDto[];

  @IdNames('Family statuses (a list of {id, name})')
  familyStatuses?: LaunchIdNameDto[];

  @IdNames('Schools')
  educationSchools?: LaunchIdNameDto[];

  @ApiPropertyOptional({ type: [String], enum: EDUCATION_STATUSES.map(String), description: 'Meta education status codes 1..13 (numbers or numeric strings)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EDUCATION_STATUSES.length)
  @IsIn(EDUCATION_STATUS_VALUES, { each: true, message: '$property must only contain 1..13' })
  educationStatuses?: Array<number | string>;

  @IdNames('Fields of study')
  educationMajors?: LaunchIdNameDto[];

  @IdNames('Employers')
  workEmployers?: LaunchIdNameDto[];

  @IdNames('Job titles')
  workPositions?: LaunchIdNameDto[];

  @ApiPropertyOptional({ type: [Number], description: 'Locale keys from targeting search (adlocale)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsInt({ each: true, message: '$property must only contain positive integers' })
  @Min(1, { each: true, message: '$property must only contain positive integers' })
  locales?: number[];
}

export class LaunchCreativeDto implements LaunchCreativeInput {
  @ApiProperty({ example: 'Check out our website!', description: 'Main body copy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2200)
  primaryText: string;

  @ApiProperty({ example: 'Best Products' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  headline: string;

  @ApiPropertyOptional({
    example: 'https://example.com',
    description: 'Landing page (Messenger: the deep link). Required except for engagement (default: the page) and traffic to APP (the ad links to objectStoreUrl).',
  })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2000)
  url?: string;

  @ApiProperty({ enum: LAUNCH_CALL_TO_ACTIONS })
  @IsIn(LAUNCH_CALL_TO_ACTIONS)
  callToAction: LaunchCallToAction;

  @ApiPropertyOptional({ example: 'https://images.example.com/ad.jpg', description: 'HTTPS image; required unless videoId is given' })
  @IsOptional()
  @IsUrl(HTTPS_URL)
  @MaxLength(2000)
  imageUrl?: string;

  @ApiPropertyOptional({ description: 'An existing Meta video id (then thumbnailUrl is required, imageUrl not sent)' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('videoId') })
  videoId?: string;

  @ApiPropertyOptional({ description: 'HTTPS thumbnail of the video; required with videoId' })
  @IsOptional()
  @IsUrl(HTTPS_URL)
  @MaxLength(2000)
  thumbnailUrl?: string;

  @ApiPropertyOptional({ example: 'Free shipping' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string;
}

/** The fields every launch body shares (seed: POST /{teamId}/meta/campaign/{kind}). */
export class LaunchBaseDto implements LaunchBaseInput {
  @ApiProperty({ example: 'Spring sale' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  campaignName: string;

  @ApiPropertyOptional({ enum: LAUNCH_STATUSES, default: 'PAUSED' })
  @IsOptional()
  @IsIn(LAUNCH_STATUSES)
  status?: LaunchStatus;

  @ApiProperty({ example: 100, minimum: 1, description: 'Daily budget in whole units of the ad account currency (USD 100 → 10000 cents; JPY 100 → 100)' })
  @IsInt()
  @Min(1)
  @Max(LAUNCH_BUDGET_MAX)
  budget: number;

  @ApiPropertyOptional({ example: '2026-12-01', description: "YYYY-MM-DD, from 00:00 in the ad account's time zone" })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: "YYYY-MM-DD, until 23:59:59 in the ad account's time zone; after startDate" })
  @IsOptional()
  @Matches(DATE, { message: 'endDate must be YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ enum: SPECIAL_AD_CATEGORIES, isArray: true, default: ['NONE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SPECIAL_AD_CATEGORIES.length)
  @IsIn(SPECIAL_AD_CATEGORIES, { each: true, message: `$property must only contain ${SPECIAL_AD_CATEGORIES.join(', ')}` })
  specialAdCategories?: SpecialAdCategory[];

  @ApiPropertyOptional({ type: [String], example: ['US'], description: 'ISO country codes; required when a special ad category other than NONE is set' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true, message: '$property must only contain ISO 3166 two-letter country codes' })
  specialAdCountry?: string[];

  @ApiProperty({ example: 'Spring sale - US' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(400)
  adSetName: string;

  @ApiPropertyOptional({ type: [String], description: 'Custom audience ids (sent as targeting.custom_audiences)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @Matches(META_ID, { each: true, message: '$property must only contain numeric Meta ids' })
  audienceId?: string[];

  @ApiProperty({ type: LaunchTargetingDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LaunchTargetingDto)
  targeting: LaunchTargetingDto;

  @ApiProperty({ type: LaunchCreativeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LaunchCreativeDto)
  creatives: LaunchCreativeDto;

  @ApiProperty({ example: '173764419345388', description: 'The Facebook page the ad runs as' })
  @Matches(META_ID, { message: metaIdMessage('pageId') })
  pageId: string;

  @ApiPropertyOptional({ description: 'Instagram account id; sent to Meta as instagram_user_id (instagram_actor_id is retired)' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('instagramActorId') })
  instagramActorId?: string;
}
