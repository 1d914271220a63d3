import type { GraphParams } from '../meta-graph.client';
import { isMetaCurrencyCode, toMetaMinorUnits } from './meta-currency';
import { isTimeZone, metaLocalTime } from './meta-local-time';
import type { LaunchBaseInput, MetaLaunchKind, MetaLaunchRequest } from './meta-launch.types';
import { metaTargetingSpec } from './meta-targeting-spec.mapper';

/** What the plan needs to know about the ad account (ad_accounts.currency and ad_accounts.timezone). */
export interface MetaLaunchAccount {
  currency: string | null;
  timezone: string | null;
}

/**
 * The four Graph parameter sets of one launch. The launcher adds what only exists once the previous step is done:
 * `campaign_id` to the ad set, `adset_id` and `creative: {creative_id}` to the ad.
 */
export interface MetaLaunchPlan {
  kind: MetaLaunchKind;
  campaign: GraphParams;
  adset: GraphParams;
  creative: GraphParams;
  ad: GraphParams;
  /**
   * The campaign is created PAUSED so that nothing can deliver while the launch is half made; when the caller asked
   * for ACTIVE, the launcher switches it on after the ad exists.
   */
  activate: boolean;
}

/** The account data the plan needs is missing or unusable (not the caller's body): a 400 naming what to do. */
export class MetaLaunchPlanError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Objective, optimization, billing, destination and promoted object of each launch kind (platform-apis.md A3). */
interface Delivery {
  objective: string;
  optimizationGoal: string;
  billingEvent: string;
  destinationType?: string;
  promotedObject?: Record<string, string>;
  campaignPromotedObject?: Record<string, string>;
}

/** The seed's conversion events as Meta's `custom_event_type` values (Meta spells one of them INITIATED_CHECKOUT). */
const CUSTOM_EVENT_TYPES: Readonly<Record<string, string>> = {
  PURCHASE: 'PURCHASE',
  ADD_TO_CART: 'ADD_TO_CART',
  INITIATE_CHECKOUT: 'INITIATED_CHECKOUT',
  SUBSCRIBE: 'SUBSCRIBE',
  COMPLETE_REGISTRATION: 'COMPLETE_REGISTRATION',
};

function delivery(request: MetaLaunchRequest): Delivery {
  const pageId = request.body.pageId;
  switch (request.kind) {
    case 'lead':
      return {
        objective: 'OUTCOME_LEADS',
        optimizationGoal: request.body.optimizationGoal ?? 'LEAD_GENERATION',
        billingEvent: 'IMPRESSIONS',
        // An instant form opens on the ad itself.
        destinationType: 'ON_AD',
        promotedObject: { page_id: pageId },
      };
    case 'traffic': {
      const location = request.body.conversionLocation ?? 'WEBSITE';
      const promotedObject: Record<string, string> | undefined =
        location === 'APP'
          ? { application_id: request.body.appId!, object_store_url: request.body.objectStoreUrl! }
          : location === 'MESSENGER'
            ? { page_id: pageId }
            : undefined;
      return {
        objective: 'OUTCOME_TRAFFIC',
        optimizationGoal: request.body.optimizationGoal ?? 'LINK_CLICKS',
        billingEvent: 'IMPRESSIONS',
        destinationType: location,
        ...(promotedObject ? { promotedObject } : {}),
      };
    }
    case 'sales': {
      const body = request.body;
      return {
        objective: 'OUTCOME_SALES',
        optimizationGoal: body.optimizationGoal ?? 'OFFSITE_CONVERSIONS',
        billingEvent: 'IMPRESSIONS',
        destinationType: body.conversionLocation ?? 'WEBSITE',
        promotedObject: {
          pixel_id: body.pixelId,
          custom_event_type: CUSTOM_EVENT_TYPES[body.conversionEvent],
          ...(body.customConversionId !== undefined ? { custom_conversion_id: body.customConversionId } : {}),
          ...(body.productSetId !== undefined ? { product_set_id: body.productSetId } : {}),
        },
        ...(body.catalogId !== undefined ? { campaignPromotedObject: { product_catalog_id: body.catalogId } } : {}),
      };
    }
    case 'awareness':
      return {
        objective: 'OUTCOME_AWARENESS',
        optimizationGoal: request.body.optimizationGoal ?? 'REACH',
        billingEvent: 'IMPRESSIONS',
        promotedObject: { page_id: pageId },
      };
    case 'engagement':
      return {
        objective: 'OUTCOME_ENGAGEMENT',
        optimizationGoal: request.body.optimizationGoal ?? 'POST_ENGAGEMENT',
        billingEvent: 'IMPRESSIONS',
        // The seed's conversionLocation ON_AD ("on your ad"): engagement with the ad's post.
        destinationType: 'ON_POST',
        promotedObject: { page_id: pageId },
      };
  }
}

/** Where the ad sends people, and its button. */
function linkAndButton(request: MetaLaunchRequest): { link: string; callToAction: Record<string, unknown> } {
  const creative = request.body.creatives;
  const type = creative.callToAction;
  switch (request.kind) {
    case 'lead':
      return { link: creative.url!, callToAction: { type, value: { lead_gen_form_id: request.body.leadFormId } } };
    case 'traffic': {
      const location = request.body.conversionLocation ?? 'WEBSITE';
      if (location === 'APP') {
        const store = request.body.objectStoreUrl!;
        return { link: store, callToAction: { type, value: { application: request.body.appId, link: store } } };
      }
      if (location === 'MESSENGER') return { link: creative.url!, callToAction: { type, value: { app_destination: 'MESSENGER' } } };
      return { link: creative.url!, callToAction: { type, value: { link: creative.url } } };
    }
    case 'engagement': {
      const link = creative.url ?? `https://www.facebook.com/${request.body.pageId}`;
      return { link, callToAction: { type, value: { link } } };
    }
    case 'sales':
    case 'awareness':
      return { link: creative.url!, callToAction: { type, value: { link: creative.url } } };
  }
}

function objectStorySpec(request: MetaLaunchRequest): Record<string, unknown> {
  const body: LaunchBaseInput = request.body;
  const creative = body.creatives;
  const { link, callToAction } = linkAndButton(request);
  const identity = { page_id: body.pageId, ...(body.instagramActorId !== undefined ? { instagram_user_id: body.instagramActorId } : {}) };
  if (creative.videoId !== undefined) {
    return {
      ...identity,
      video_data: {
        video_id: creative.videoId,
        image_url: creative.thumbnailUrl,
        message: creative.primaryText,
        title: creative.headline,
        ...(creative.description !== undefined ? { link_description: creative.description } : {}),
        call_to_action: callToAction,
      },
    };
  }
  return {
    ...identity,
    link_data: {
      link,
      message: creative.primaryText,
      name: creative.headline,
      ...(creative.description !== undefined ? { description: creative.description } : {}),
      picture: creative.imageUrl,
      call_to_action: callToAction,
    },
  };
}

function schedule(body: LaunchBaseInput, timezone: string | null): GraphParams {
  if (body.startDate === undefined && body.endDate === undefined) return {};
  if (!timezone) throw new MetaLaunchPlanError(['The ad account has no time zone on record; connect the Meta account again before sending startDate or endDate']);
  if (!isTimeZone(timezone)) throw new MetaLaunchPlanError([`The ad account's time zone (${timezone}) is unknown here; connect the Meta account again`]);
  return {
    ...(body.startDate !== undefined ? { start_time: metaLocalTime(body.startDate, timezone, 'start') } : {}),
    ...(body.endDate !== undefined ? { end_time: metaLocalTime(body.endDate, timezone, 'end') } : {}),
  };
}

/**
 * A validated launch body (DTO checks and `metaLaunchProblems` passed) and its account → the Graph parameters of
 * the campaign, ad set, creative and ad. The budget sits on the single ad set, in the account currency's minor
 * units; the campaign says so with `is_adset_budget_sharing_enabled=false`. Pure.
 */
export function buildMetaLaunchPlan(request: MetaLaunchRequest, account: MetaLaunchAccount): MetaLaunchPlan {
  const body: LaunchBaseInput = request.body;
  if (!account.currency || !isMetaCurrencyCode(account.currency)) {
    throw new MetaLaunchPlanError(['The ad account has no currency on record; connect the Meta account again']);
  }
  const route = delivery(request);
  const categories = body.specialAdCategories && body.specialAdCategories.length > 0 ? [...new Set(body.specialAdCategories)] : ['NONE'];
  const countries = [...new Set((body.specialAdCountry ?? []).map((country) => country.toUpperCase()))];
  const name = body.campaignName;

  const campaign: GraphParams = {
    name,
    objective: route.objective,
    status: 'PAUSED',
    buying_type: 'AUCTION',
    special_ad_categories: categories,
    ...(categories.some((category) => category !== 'NONE') ? { special_ad_category_country: countries } : {}),
    is_adset_budget_sharing_enabled: false,
    ...(route.campaignPromotedObject ? { promoted_object: route.campaignPromotedObject } : {}),
  };
  const adset: GraphParams = {
    name: body.adSetName,
    daily_budget: toMetaMinorUnits(body.budget, account.currency),
    billing_event: route.billingEvent,
    optimization_goal: route.optimizationGoal,
    bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
    ...(route.destinationType ? { destination_type: route.destinationType } : {}),
    ...(route.promotedObject ? { promoted_object: route.promotedObject } : {}),
    targeting: metaTargetingSpec(body.targeting, body.audienceId),
    status: 'ACTIVE',
    ...schedule(body, account.timezone),
  };
  const creative: GraphParams = { name: `${name} - Creative`, object_story_spec: objectStorySpec(request) };
  const ad: GraphParams = { name: `${name} - Ad`, status: 'ACTIVE' };
  return { kind: request.kind, campaign, adset, creative, ad, activate: (body.status ?? 'PAUSED') === 'ACTIVE' };
}
