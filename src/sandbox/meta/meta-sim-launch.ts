import { SimAnswer, SimMetaFailure, graphError, injectedFailure, invalidParameter, unsupportedRequest } from './meta-sim-errors';

type Params = Record<string, string>;

export type SimLaunchEdge = 'campaigns' | 'adsets' | 'adcreatives' | 'ads';
/** A step a test can make fail: one of the four creates, or switching the campaign on (`POST /{campaign_id}`). */
export type SimLaunchStep = SimLaunchEdge | 'activate';
/** The fake's usual failures, plus a non-transient permission error (code 200, our 502). */
export type SimLaunchFailure = SimMetaFailure | 'permission';

/** An object a launch created, with its parameters as received and JSON-decoded. */
export interface SimLaunchObject {
  id: string;
  accountId: string;
  edge: SimLaunchEdge;
  params: Params;
  fields: Record<string, unknown>;
  status: string;
  deleted: boolean;
}

/** Every create request the fake received for a launch edge, refused or not, validate-only or not. */
export interface SimLaunchRequest {
  edge: SimLaunchEdge;
  accountId: string;
  params: Params;
  validateOnly: boolean;
}

export interface SimLaunchContext {
  ownsAccount(accountId: string): boolean;
  scopes: readonly string[];
  regainAccessMinutes: number;
}

const OBJECTIVES = ['OUTCOME_APP_PROMOTION', 'OUTCOME_AWARENESS', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES', 'OUTCOME_TRAFFIC'];
const SPECIAL_AD_CATEGORIES = ['NONE', 'CREDIT', 'EMPLOYMENT', 'FINANCIAL_PRODUCTS_SERVICES', 'HOUSING', 'ISSUES_ELECTIONS_POLITICS', 'ONLINE_GAMBLING_AND_GAMING'];
const STATUSES = ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED'];
const BILLING_EVENTS = ['APP_INSTALLS', 'CLICKS', 'IMPRESSIONS', 'LINK_CLICKS', 'LISTING_INTERACTION', 'NONE', 'OFFER_CLAIMS', 'PAGE_LIKES', 'POST_ENGAGEMENT', 'PURCHASE', 'THRUPLAY'];
const OPTIMIZATION_GOALS = [
  'ADVERTISER_SILOED_VALUE', 'AD_RECALL_LIFT', 'APP_INSTALLS', 'APP_INSTALLS_AND_OFFSITE_CONVERSIONS', 'AUTOMATIC_OBJECTIVE', 'CONVERSATIONS', 'DERIVED_EVENTS',
  'ENGAGED_PAGE_VIEWS', 'ENGAGED_USERS', 'EVENT_RESPONSES', 'IMPRESSIONS', 'IN_APP_VALUE', 'LANDING_PAGE_VIEWS', 'LEAD_GENERATION', 'LINK_CLICKS',
  'MEANINGFUL_CALL_ATTEMPT', 'MESSAGING_APPOINTMENT_CONVERSION', 'MESSAGING_DEEP_CONVERSATION_AND_FOLLOW', 'MESSAGING_PURCHASE_CONVERSION', 'NONE',
  'OFFSITE_CONVERSIONS', 'PAGE_LIKES', 'POST_ENGAGEMENT', 'PROFILE_AND_PAGE_ENGAGEMENT', 'PROFILE_VISIT', 'QUALITY_CALL', 'QUALITY_LEAD', 'REACH',
  'REMINDERS_SET', 'SUBSCRIBERS', 'THRUPLAY', 'VALUE', 'VISIT_INSTAGRAM_PROFILE',
];
const DESTINATION_TYPES = [
  'APP', 'APPLINKS_AUTOMATIC', 'FACEBOOK', 'FACEBOOK_LIVE', 'FACEBOOK_PAGE', 'IMAGINE', 'INSTAGRAM_DIRECT', 'INSTAGRAM_LIVE', 'INSTAGRAM_PROFILE',
  'INSTAGRAM_PROFILE_AND_FACEBOOK_PAGE', 'MESSAGING_INSTAGRAM_DIRECT_MESSENGER', 'MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP',
  'MESSAGING_INSTAGRAM_DIRECT_WHATSAPP', 'MESSAGING_MESSENGER_WHATSAPP', 'MESSENGER', 'ON_AD', 'ON_EVENT', 'ON_PAGE', 'ON_POST', 'ON_VIDEO',
  'SHOP_AUTOMATIC', 'WEBSITE', 'WHATSAPP',
];
const STORY_KINDS = ['link_data', 'video_data', 'photo_data', 'template_data', 'text_data'];
const BUDGET_BOTH_SUBCODE = 1885621;
const EDGES: readonly string[] = ['campaigns', 'adsets', 'adcreatives', 'ads'];

/** A form value as Graph reads it: JSON objects, arrays and booleans decoded; ids and numbers stay strings. */
function decode(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  if (!/^\s*[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function decodeAll(params: Params): Record<string, unknown> {
  const skip = ['access_token', 'appsecret_proof'];
  return Object.fromEntries(Object.entries(params).filter(([key]) => !skip.includes(key)).map(([key, value]) => [key, decode(value)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const isBudget = (value: string | undefined) => value !== undefined && /^[1-9]\d{0,15}$/.test(value);
const hasBudget = (params: Params) => params.daily_budget !== undefined || params.lifetime_budget !== undefined;
const oneOf = (name: string, allowed: readonly string[], got: unknown) => invalidParameter(`Param ${name} must be one of {${allowed.join(', ')}} - got "${String(got)}".`);

function checkStatus(params: Params): SimAnswer | undefined {
  return params.status !== undefined && !STATUSES.includes(params.status) ? oneOf('status', STATUSES, params.status) : undefined;
}

/** Any `instagram_actor_id`, top-level or inside object_story_spec, is refused since v22 (platform-apis.md A3). */
function mentionsInstagramActorId(params: Params): boolean {
  return Object.entries(params).some(([key, value]) => key === 'instagram_actor_id' || value.includes('"instagram_actor_id"'));
}

/**
 * `POST /act_{id}/campaigns|adsets|adcreatives|ads`, `POST /{id}` (status) and `DELETE /{id}` for objects made
 * through them, validated the way Meta does (platform-apis.md A3 and C6), with `execution_options=["validate_only"]`
 * answering `{success: true}` without creating anything.
 */
export class SimMetaLaunchStore {
  readonly requests: SimLaunchRequest[] = [];
  private readonly objects = new Map<string, SimLaunchObject>();
  private readonly deleted: string[] = [];
  private readonly failures: Array<{ step: SimLaunchStep; failure: SimLaunchFailure }> = [];
  private deleteFailures = 0;
  private lastId = 120_330_000_000_000n;

  /** The next request of that step fails (once per call). Default: a code-100 invalid parameter (our 400). */
  failLaunchStep(step: SimLaunchStep, failure: SimLaunchFailure = 'bad-param'): void {
    this.failures.push({ step, failure });
  }

  /** The next `times` deletes fail with a non-transient Graph error. */
  failNextDeletes(times = 1): void {
    this.deleteFailures += times;
  }

  /** Live (not deleted) objects of an account, by edge, in creation order. */
  createdObjects(accountId: string): Record<SimLaunchEdge, SimLaunchObject[]> {
    const live = [...this.objects.values()].filter((object) => object.accountId === accountId && !object.deleted);
    return {
      campaigns: live.filter((object) => object.edge === 'campaigns'),
      adsets: live.filter((object) => object.edge === 'adsets'),
      adcreatives: live.filter((object) => object.edge === 'adcreatives'),
      ads: live.filter((object) => object.edge === 'ads'),
    };
  }

  /** Every object ever created (deleted ones too). */
  allObjects(): SimLaunchObject[] {
    return [...this.objects.values()];
  }

  object(id: string): SimLaunchObject | undefined {
    return this.objects.get(id);
  }

  /** Ids deleted through `DELETE /{id}`, in the order the deletes arrived. */
  deletedIds(): string[] {
    return [...this.deleted];
  }

  /** The answer for a launch route, or undefined when the request is not one (the caller routes it elsewhere). */
  answer(method: string, path: string, params: Params, context: SimLaunchContext): SimAnswer | undefined {
    const edge = /^\/act_(\d+)\/(\w+)$/.exec(path);
    if (method === 'POST' && edge && EDGES.includes(edge[2])) return this.create(edge[1], edge[2] as SimLaunchEdge, params, context);
    const node = /^\/(\d+)$/.exec(path)?.[1];
    const object = node === undefined ? undefined : this.objects.get(node);
    if (!object || (method !== 'POST' && method !== 'DELETE')) return undefined;
    if (!context.ownsAccount(object.accountId) || object.deleted) return unsupportedRequest(method, path);
    if (!context.scopes.includes('ads_management')) return graphError({ message: '(#200) Requires ads_management permission to manage the object', code: 200 });
    if (method === 'DELETE') return this.remove(object, path);
    const failure = object.edge === 'campaigns' && params.status === 'ACTIVE' ? this.takeFailure('activate', context, object.accountId) : undefined;
    if (failure) return failure;
    const refused = checkStatus(params);
    if (refused) return refused;
    if (params.status !== undefined) object.status = params.status;
    return { status: 200, body: { success: true } };
  }

  private remove(object: SimLaunchObject, path: string): SimAnswer {
    if (this.deleteFailures > 0) {
      this.deleteFailures--;
      return graphError({ message: `(#100) Object ${path.slice(1)} could not be deleted right now`, code: 100, error_subcode: 1487390 });
    }
    object.deleted = true;
    object.status = 'DELETED';
    this.deleted.push(object.id);
    return { status: 200, body: { success: true } };
  }

  private create(accountId: string, edge: SimLaunchEdge, params: Params, context: SimLaunchContext): SimAnswer {
    const options = decode(params.execution_options);
    const validateOnly = Array.isArray(options) && options.includes('validate_only');
    this.requests.push({ edge, accountId, params: { ...params }, validateOnly });
    if (!context.ownsAccount(accountId)) return unsupportedRequest('POST', `/act_${accountId}/${edge}`);
    if (!context.scopes.includes('ads_management')) return graphError({ message: '(#200) Requires ads_management permission to manage the object', code: 200 });
    const failure = this.takeFailure(edge, context, accountId);
    if (failure) return failure;

    const refused = this.check(accountId, edge, params);
    if (refused) return refused;
    if (validateOnly) return { status: 200, body: { success: true } };

    this.lastId += 1n;
    const id = String(this.lastId);
    const fields = decodeAll(params);
    this.objects.set(id, { id, accountId, edge, params: { ...params }, fields, status: params.status ?? 'ACTIVE', deleted: false });
    return { status: 200, body: { id } };
  }

  private takeFailure(step: SimLaunchStep, context: SimLaunchContext, accountId: string): SimAnswer | undefined {
    const index = this.failures.findIndex((failure) => failure.step === step);
    if (index < 0) return undefined;
    const [{ failure }] = this.failures.splice(index, 1);
    if (failure === 'permission') return graphError({ message: '(#200) The user does not have permission to create this object on the ad account', code: 200 });
    return injectedFailure(failure, context.regainAccessMinutes, accountId);
  }

  private check(accountId: string, edge: SimLaunchEdge, params: Params): SimAnswer | undefined {
    switch (edge) {
      case 'campaigns':
        return this.checkCampaign(params);
      case 'adsets':
        return this.checkAdSet(accountId, params);
      case 'adcreatives':
        return this.checkCreative(params);
      case 'ads':
        return this.checkAd(accountId, params);
    }
  }

  private checkCampaign(params: Params): SimAnswer | undefined {
    if (!params.name) return invalidParameter('The parameter name is required');
    if (params.objective === undefined) return invalidParameter('The parameter objective is required');
    if (!OBJECTIVES.includes(params.objective)) return oneOf('objective', OBJECTIVES, params.objective);
    if (params.special_ad_categories === undefined) return invalidParameter('The parameter special_ad_categories is required');
    const categories = decode(params.special_ad_categories);
    if (!Array.isArray(categories)) return invalidParameter('Param special_ad_categories must be an array.');
    const bad = categories.find((category) => typeof category !== 'string' || !SPECIAL_AD_CATEGORIES.includes(category));
    if (bad !== undefined) return oneOf('special_ad_categories[0]', SPECIAL_AD_CATEGORIES, bad);
    const countries = decode(params.special_ad_category_country);
    if (countries !== undefined && (!Array.isArray(countries) || countries.some((country) => typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)))) {
      return invalidParameter('Param special_ad_category_country must be an array of ISO country codes.');
    }
    if (categories.some((category) => category !== 'NONE') && (!Array.isArray(countries) || countries.length === 0)) {
      return invalidParameter('special_ad_category_country is required for campaigns with a special ad category.');
    }
    const refused = checkStatus(params);
    if (refused) return refused;
    for (const key of ['daily_budget', 'lifetime_budget']) {
      if (params[key] !== undefined && !isBudget(params[key])) return invalidParameter(`Param ${key} must be a positive integer.`);
    }
    const sharing = params.is_adset_budget_sharing_enabled;
    if (!hasBudget(params) && (sharing === undefined || !['true', 'false', 'True', 'False', '1', '0'].includes(sharing))) {
      return invalidParameter('Must specify True or False in is_adset_budget_sharing_enabled field', 'Must specify True or False in is_adset_budget_sharing_enabled field');
    }
    return undefined;
  }

  private checkAdSet(accountId: string, params: Params): SimAnswer | undefined {
    if (!params.name) return invalidParameter('The parameter name is required');
    const campaign = params.campaign_id === undefined ? undefined : this.objects.get(params.campaign_id);
    if (!campaign || campaign.edge !== 'campaigns' || campaign.accountId !== accountId || campaign.deleted) {
      return invalidParameter(`Param campaign_id must be a campaign of act_${accountId}`, 'The campaign of this ad set does not exist or was deleted.');
    }
    if (hasBudget(campaign.params) && hasBudget(params)) {
      return graphError({
        message: 'Invalid parameter',
        code: 100,
        error_subcode: BUDGET_BOTH_SUBCODE,
        error_user_title: 'Budget set at both campaign and ad set',
        error_user_msg: 'This campaign uses a campaign budget, so its ad sets cannot have their own budget.',
      });
    }
    if (!hasBudget(campaign.params) && !hasBudget(params)) return invalidParameter('An ad set needs a daily_budget or lifetime_budget when its campaign has none');
    for (const key of ['daily_budget', 'lifetime_budget']) {
      if (params[key] !== undefined && !isBudget(params[key])) return invalidParameter(`Param ${key} must be a positive integer.`);
    }
    if (params.billing_event === undefined) return invalidParameter('The parameter billing_event is required');
    if (!BILLING_EVENTS.includes(params.billing_event)) return oneOf('billing_event', BILLING_EVENTS, params.billing_event);
    if (params.optimization_goal !== undefined && !OPTIMIZATION_GOALS.includes(params.optimization_goal)) return oneOf('optimization_goal', OPTIMIZATION_GOALS, params.optimization_goal);
    if (params.destination_type !== undefined && !DESTINATION_TYPES.includes(params.destination_type)) return oneOf('destination_type', DESTINATION_TYPES, params.destination_type);
    const refused = checkStatus(params);
    if (refused) return refused;
    const targeting = decode(params.targeting);
    if (!isObject(targeting)) return invalidParameter('The parameter targeting is required');
    if (!isObject(targeting.geo_locations) || Object.keys(targeting.geo_locations).length === 0) {
      return invalidParameter('Targeting spec must include geo_locations', 'Your audience is missing a location. Add a location to the targeting.');
    }
    const automation = targeting.targeting_automation;
    if (!isObject(automation) || (automation.advantage_audience !== 0 && automation.advantage_audience !== 1)) {
      return invalidParameter('Advantage Audience Flag Required', 'To create your ad set, you need to enable or disable the Advantage+ audience feature (targeting_automation.advantage_audience).');
    }
    if (params.promoted_object !== undefined && !isObject(decode(params.promoted_object))) return invalidParameter('Param promoted_object must be an object.');
    const start = params.start_time === undefined ? undefined : Date.parse(params.start_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    const end = params.end_time === undefined ? undefined : Date.parse(params.end_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (Number.isNaN(start) || Number.isNaN(end)) return invalidParameter('Param start_time and end_time must be ISO 8601 times.');
    if (start !== undefined && end !== undefined && end <= start) return invalidParameter('The end time of the ad set must be after its start time.');
    return undefined;
  }

  private checkCreative(params: Params): SimAnswer | undefined {
    if (mentionsInstagramActorId(params)) {
      return invalidParameter(
        'The instagram_actor_id field is deprecated for versions v22.0 and higher. Please migrate your API calls to use the new instagram_user_id field.',
      );
    }
    const spec = decode(params.object_story_spec);
    if (!isObject(spec)) return invalidParameter('The parameter object_story_spec is required');
    if (typeof spec.page_id !== 'string' || !/^\d+$/.test(spec.page_id)) return invalidParameter('Param object_story_spec[page_id] is required and must be a page id.');
    const kinds = STORY_KINDS.filter((kind) => spec[kind] !== undefined);
    if (kinds.length !== 1) return invalidParameter('object_story_spec needs exactly one of link_data, video_data, photo_data, template_data or text_data.');
    const data = spec[kinds[0]];
    if (!isObject(data)) return invalidParameter(`Param object_story_spec[${kinds[0]}] must be an object.`);
    if (kinds[0] === 'link_data' && !isUrl(data.link)) return invalidParameter('Param object_story_spec[link_data][link] must be a valid URL.');
    if (kinds[0] === 'video_data') {
      if (typeof data.video_id !== 'string') return invalidParameter('Param object_story_spec[video_data][video_id] is required.');
      if (!isUrl(data.image_url) && typeof data.image_hash !== 'string') return invalidParameter('Video ads need a thumbnail: image_url or image_hash in video_data.');
    }
    const cta = data.call_to_action;
    if (cta !== undefined && (!isObject(cta) || typeof cta.type !== 'string')) return invalidParameter('Param call_to_action[type] is required.');
    return undefined;
  }

  private checkAd(accountId: string, params: Params): SimAnswer | undefined {
    if (!params.name) return invalidParameter('The parameter name is required');
    const adset = params.adset_id === undefined ? undefined : this.objects.get(params.adset_id);
    if (!adset || adset.edge !== 'adsets' || adset.accountId !== accountId || adset.deleted) return invalidParameter(`Param adset_id must be an ad set of act_${accountId}`);
    const creative = decode(params.creative);
    if (!isObject(creative) || typeof creative.creative_id !== 'string') return invalidParameter('The parameter creative is required: {"creative_id": "<id>"}');
    const made = this.objects.get(creative.creative_id);
    if (!made || made.edge !== 'adcreatives' || made.accountId !== accountId || made.deleted) return invalidParameter(`Param creative[creative_id] must be a creative of act_${accountId}`);
    return checkStatus(params);
  }
}
