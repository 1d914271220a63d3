/**
 * What a campaign launch accepts, independent of HTTP: the DTOs implement these shapes, the pure mappers read them.
 * One body per launch kind (`POST /{teamId}/meta/campaign/{kind}`), sharing the campaign/ad set/creative fields.
 */

export const META_LAUNCH_KINDS = ['lead', 'traffic', 'sales', 'awareness', 'engagement'] as const;
export type MetaLaunchKind = (typeof META_LAUNCH_KINDS)[number];

export const LAUNCH_STATUSES = ['ACTIVE', 'PAUSED'] as const;
export type LaunchStatus = (typeof LAUNCH_STATUSES)[number];

export const SPECIAL_AD_CATEGORIES = [
  'NONE',
  'EMPLOYMENT',
  'HOUSING',
  'CREDIT',
  'ISSUES_ELECTIONS_POLITICS',
  'ONLINE_GAMBLING_AND_GAMING',
  'FINANCIAL_PRODUCTS_SERVICES',
] as const;
export type SpecialAdCategory = (typeof SPECIAL_AD_CATEGORIES)[number];

/** The seed's call-to-action list, plus SHOP_NOW (its sales example) and the types a Messenger or app ad needs. */
export const LAUNCH_CALL_TO_ACTIONS = [
  'SIGN_UP',
  'GET_QUOTE',
  'APPLY_NOW',
  'LEARN_MORE',
  'DOWNLOAD',
  'SUBSCRIBE',
  'BOOK_TRAVEL',
  'SHOP_NOW',
  'MESSAGE_PAGE',
  'INSTALL_MOBILE_APP',
  'CONTACT_US',
  'BOOK_NOW',
  'ORDER_NOW',
] as const;
export type LaunchCallToAction = (typeof LAUNCH_CALL_TO_ACTIONS)[number];

export const GEO_LOCATION_TYPES = ['country', 'region', 'city'] as const;
export type GeoLocationType = (typeof GEO_LOCATION_TYPES)[number];

/** 0 = all (Meta: omit `genders`), 1 = men, 2 = women. */
export const LAUNCH_GENDERS = [0, 1, 2] as const;
/** Meta's relationship_statuses codes (platform-apis.md A3: 5 is not used). */
export const RELATIONSHIP_STATUSES = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13] as const;
/** The seed's education status list, 1..13, as numbers or numeric strings. */
export const EDUCATION_STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;
export const AGE_MIN = 13;
export const AGE_MAX = 65;

export const TRAFFIC_OPTIMIZATION_GOALS = ['LINK_CLICKS', 'LANDING_PAGE_VIEWS'] as const;
export const TRAFFIC_CONVERSION_LOCATIONS = ['WEBSITE', 'APP', 'MESSENGER'] as const;
export const LEAD_OPTIMIZATION_GOALS = ['LEAD_GENERATION', 'QUALITY_LEAD'] as const;
export const SALES_OPTIMIZATION_GOALS = ['OFFSITE_CONVERSIONS', 'VALUE', 'LANDING_PAGE_VIEWS', 'LINK_CLICKS'] as const;
export const SALES_CONVERSION_LOCATIONS = ['WEBSITE'] as const;
export const SALES_CONVERSION_EVENTS = ['PURCHASE', 'ADD_TO_CART', 'INITIATE_CHECKOUT', 'SUBSCRIBE', 'COMPLETE_REGISTRATION'] as const;
export const AWARENESS_OPTIMIZATION_GOALS = ['REACH', 'IMPRESSIONS', 'AD_RECALL_LIFT'] as const;
export const ENGAGEMENT_OPTIMIZATION_GOALS = ['POST_ENGAGEMENT'] as const;
export const ENGAGEMENT_TYPES = ['POST_ENGAGEMENT'] as const;
export const ENGAGEMENT_CONVERSION_LOCATIONS = ['ON_AD'] as const;

export interface IdNameInput {
  id: string;
  name?: string;
}

export interface GeoLocationInput {
  type: GeoLocationType;
  id: string;
}

export interface LaunchTargetingInput {
  genders?: number[];
  ageMin?: number;
  ageMax?: number;
  geoLocations: GeoLocationInput[];
  excludedGeoLocations?: GeoLocationInput[];
  interests?: IdNameInput[];
  behaviors?: IdNameInput[];
  relationshipStatuses?: number[];
  lifeEvents?: IdNameInput[];
  industries?: IdNameInput[];
  income?: IdNameInput[];
  familyStatuses?: IdNameInput[];
  educationSchools?: IdNameInput[];
  educationStatuses?: Array<number | string>;
  educationMajors?: IdNameInput[];
  workEmployers?: IdNameInput[];
  workPositions?: IdNameInput[];
  locales?: number[];
}

export interface LaunchCreativeInput {
  primaryText: string;
  headline: string;
  url?: string;
  callToAction: LaunchCallToAction;
  imageUrl?: string;
  videoId?: string;
  thumbnailUrl?: string;
  description?: string;
}

export interface LaunchBaseInput {
  campaignName: string;
  status?: LaunchStatus;
  /** Daily budget of the (single) ad set, in major units of the account currency. */
  budget: number;
  startDate?: string;
  endDate?: string;
  specialAdCategories?: SpecialAdCategory[];
  specialAdCountry?: string[];
  adSetName: string;
  audienceId?: string[];
  targeting: LaunchTargetingInput;
  creatives: LaunchCreativeInput;
  pageId: string;
  /** An Instagram account id; sent as `instagram_user_id` (Meta retired `instagram_actor_id`). */
  instagramActorId?: string;
}

export interface LeadLaunchInput extends LaunchBaseInput {
  leadFormId: string;
  optimizationGoal?: (typeof LEAD_OPTIMIZATION_GOALS)[number];
}

export interface TrafficLaunchInput extends LaunchBaseInput {
  optimizationGoal?: (typeof TRAFFIC_OPTIMIZATION_GOALS)[number];
  conversionLocation?: (typeof TRAFFIC_CONVERSION_LOCATIONS)[number];
  appId?: string;
  objectStoreUrl?: string;
}

export interface SalesLaunchInput extends LaunchBaseInput {
  pixelId: string;
  conversionEvent: (typeof SALES_CONVERSION_EVENTS)[number];
  optimizationGoal?: (typeof SALES_OPTIMIZATION_GOALS)[number];
  conversionLocation?: (typeof SALES_CONVERSION_LOCATIONS)[number];
  catalogId?: string;
  productSetId?: string;
  customConversionId?: string;
}

export interface AwarenessLaunchInput extends LaunchBaseInput {
  optimizationGoal?: (typeof AWARENESS_OPTIMIZATION_GOALS)[number];
}

export interface EngagementLaunchInput extends LaunchBaseInput {
  optimizationGoal?: (typeof ENGAGEMENT_OPTIMIZATION_GOALS)[number];
  engagementType?: (typeof ENGAGEMENT_TYPES)[number];
  conversionLocation?: (typeof ENGAGEMENT_CONVERSION_LOCATIONS)[number];
}

export type MetaLaunchRequest =
  | { kind: 'lead'; body: LeadLaunchInput }
  | { kind: 'traffic'; body: TrafficLaunchInput }
  | { kind: 'sales'; body: SalesLaunchInput }
  | { kind: 'awareness'; body: AwarenessLaunchInput }
  | { kind: 'engagement'; body: EngagementLaunchInput };

/** The ids of what one launch created at Meta. */
export interface MetaLaunchIds {
  campaignId: string;
  adSetId: string;
  creativeId: string;
  adId: string;
}
