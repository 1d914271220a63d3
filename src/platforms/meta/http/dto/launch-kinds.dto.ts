import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import {
  AWARENESS_OPTIMIZATION_GOALS,
  AwarenessLaunchInput,
  ENGAGEMENT_CONVERSION_LOCATIONS,
  ENGAGEMENT_OPTIMIZATION_GOALS,
  ENGAGEMENT_TYPES,
  EngagementLaunchInput,
  LEAD_OPTIMIZATION_GOALS,
  LeadLaunchInput,
  SALES_CONVERSION_EVENTS,
  SALES_CONVERSION_LOCATIONS,
  SALES_OPTIMIZATION_GOALS,
  SalesLaunchInput,
  TRAFFIC_CONVERSION_LOCATIONS,
  TRAFFIC_OPTIMIZATION_GOALS,
  TrafficLaunchInput,
} from '../../launch/meta-launch.types';
import { LaunchBaseDto, META_ID, metaIdMessage } from './launch-body.dto';

/** POST /{teamId}/meta/campaign/lead: an instant-form (lead form) campaign. */
export class LeadLaunchDto extends LaunchBaseDto implements LeadLaunchInput {
  @ApiProperty({ example: '1900', description: 'The lead form (instant form) of pageId the ad opens' })
  @Matches(META_ID, { message: metaIdMessage('leadFormId') })
  leadFormId: string;

  @ApiPropertyOptional({ enum: LEAD_OPTIMIZATION_GOALS, default: 'LEAD_GENERATION' })
  @IsOptional()
  @IsIn(LEAD_OPTIMIZATION_GOALS)
  optimizationGoal?: (typeof LEAD_OPTIMIZATION_GOALS)[number];
}

/** POST /{teamId}/meta/campaign/traffic: clicks to a website, an app store page or Messenger. */
export class TrafficLaunchDto extends LaunchBaseDto implements TrafficLaunchInput {
  @ApiPropertyOptional({ enum: TRAFFIC_OPTIMIZATION_GOALS, default: 'LINK_CLICKS' })
  @IsOptional()
  @IsIn(TRAFFIC_OPTIMIZATION_GOALS)
  optimizationGoal?: (typeof TRAFFIC_OPTIMIZATION_GOALS)[number];

  @ApiPropertyOptional({ enum: TRAFFIC_CONVERSION_LOCATIONS, default: 'WEBSITE' })
  @IsOptional()
  @IsIn(TRAFFIC_CONVERSION_LOCATIONS)
  conversionLocation?: (typeof TRAFFIC_CONVERSION_LOCATIONS)[number];

  @ApiPropertyOptional({ description: 'Facebook app id; required when conversionLocation is APP' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('appId') })
  appId?: string;

  @ApiPropertyOptional({ example: 'https://play.google.com/store/apps/details?id=com.example', description: 'Required when conversionLocation is APP' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  objectStoreUrl?: string;
}

/** POST /{teamId}/meta/campaign/sales: website conversions measured by a pixel event. */
export class SalesLaunchDto extends LaunchBaseDto implements SalesLaunchInput {
  @ApiProperty({ example: '1391191359009715' })
  @Matches(META_ID, { message: metaIdMessage('pixelId') })
  pixelId: string;

  @ApiProperty({ enum: SALES_CONVERSION_EVENTS })
  @IsIn(SALES_CONVERSION_EVENTS)
  conversionEvent: (typeof SALES_CONVERSION_EVENTS)[number];

  @ApiPropertyOptional({ enum: SALES_OPTIMIZATION_GOALS, default: 'OFFSITE_CONVERSIONS' })
  @IsOptional()
  @IsIn(SALES_OPTIMIZATION_GOALS)
  optimizationGoal?: (typeof SALES_OPTIMIZATION_GOALS)[number];

  @ApiPropertyOptional({ enum: SALES_CONVERSION_LOCATIONS, default: 'WEBSITE' })
  @IsOptional()
  @IsIn(SALES_CONVERSION_LOCATIONS)
  conversionLocation?: (typeof SALES_CONVERSION_LOCATIONS)[number];

  @ApiPropertyOptional({ description: 'Commerce catalog id (campaign promoted_object.product_catalog_id)' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('catalogId') })
  catalogId?: string;

  @ApiPropertyOptional({ description: 'Product set of catalogId (ad set promoted_object.product_set_id)' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('productSetId') })
  productSetId?: string;

  @ApiPropertyOptional({ description: 'Custom conversion id (ad set promoted_object.custom_conversion_id)' })
  @IsOptional()
  @Matches(META_ID, { message: metaIdMessage('customConversionId') })
  customConversionId?: string;
}

/** POST /{teamId}/meta/campaign/awareness: reach. */
export class AwarenessLaunchDto extends LaunchBaseDto implements AwarenessLaunchInput {
  @ApiPropertyOptional({ enum: AWARENESS_OPTIMIZATION_GOALS, default: 'REACH' })
  @IsOptional()
  @IsIn(AWARENESS_OPTIMIZATION_GOALS)
  optimizationGoal?: (typeof AWARENESS_OPTIMIZATION_GOALS)[number];
}

/** POST /{teamId}/meta/campaign/engagement: post engagement on the ad. */
export class EngagementLaunchDto extends LaunchBaseDto implements EngagementLaunchInput {
  @ApiPropertyOptional({ enum: ENGAGEMENT_OPTIMIZATION_GOALS, default: 'POST_ENGAGEMENT' })
  @IsOptional()
  @IsIn(ENGAGEMENT_OPTIMIZATION_GOALS)
  optimizationGoal?: (typeof ENGAGEMENT_OPTIMIZATION_GOALS)[number];

  @ApiPropertyOptional({ enum: ENGAGEMENT_TYPES, default: 'POST_ENGAGEMENT' })
  @IsOptional()
  @IsIn(ENGAGEMENT_TYPES)
  engagementType?: (typeof ENGAGEMENT_TYPES)[number];

  @ApiPropertyOptional({ enum: ENGAGEMENT_CONVERSION_LOCATIONS, default: 'ON_AD', description: 'ON_AD: engagement with the ad post (Graph destination_type ON_POST)' })
  @IsOptional()
  @IsIn(ENGAGEMENT_CONVERSION_LOCATIONS)
  conversionLocation?: (typeof ENGAGEMENT_CONVERSION_LOCATIONS)[number];
}
