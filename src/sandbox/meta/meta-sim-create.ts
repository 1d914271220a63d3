import { SimAnswer, graphError, invalidParameter } from './meta-sim-errors';

type Params = Record<string, string>;

/** A lead form the fake accepted: the raw parameters and their JSON-decoded values. */
export interface SimMetaCreatedLeadForm {
  id: string;
  pageId: string;
  params: Params;
  name: string;
  questions: Array<Record<string, unknown>>;
  privacyPolicy: Record<string, unknown>;
  thankYouPage?: Record<string, unknown>;
  contextCard?: Record<string, unknown>;
  locale?: string;
}

export interface SimMetaCreatedPixel {
  id: string;
  accountId: string;
  name: string;
  params: Params;
}

export const META_SIM_LEAD_FORM_LOCALES: readonly string[] = [
  'AR_AR', 'CS_CZ', 'DA_DK', 'DE_DE', 'EL_GR', 'EN_GB', 'EN_US', 'ES_ES', 'ES_LA', 'FI_FI', 'FR_FR', 'HE_IL', 'HI_IN', 'HU_HU', 'ID_ID', 'IT_IT',
  'JA_JP', 'KO_KR', 'NB_NO', 'NL_NL', 'PL_PL', 'PT_BR', 'PT_PT', 'RO_RO', 'RU_RU', 'SV_SE', 'TH_TH', 'TR_TR', 'VI_VN', 'ZH_CN', 'ZH_HK', 'ZH_TW',
];

const QUESTION_TYPES = [
  'CUSTOM', 'CITY', 'COMPANY_NAME', 'COUNTRY', 'DOB', 'EMAIL', 'GENDER', 'FIRST_NAME', 'FULL_NAME', 'JOB_TITLE', 'LAST_NAME', 'MARITIAL_STATUS',
  'WHATSAPP_NUMBER', 'EDUCATION_LEVEL', 'WEBSITE', 'PHONE', 'PHONE_OTP', 'POST_CODE', 'PROVINCE', 'RELATIONSHIP_STATUS', 'STATE', 'STREET_ADDRESS',
  'ZIP', 'WORK_EMAIL', 'MILITARY_STATUS', 'WORK_PHONE_NUMBER', 'DATE_TIME', 'SLIDER', 'STORE_LOOKUP',
];
const QUESTION_KEYS = ['type', 'key', 'label', 'options', 'inline_context', 'conditional_questions_group_id', 'dependent_conditional_questions'];
const BUTTON_TYPES = [
  'VIEW_WEBSITE', 'CALL_BUSINESS', 'MESSAGE_BUSINESS', 'DOWNLOAD', 'SCHEDULE_APPOINTMENT', 'VIEW_ON_FACEBOOK', 'PROMO_CODE', 'NONE', 'WHATSAPP',
  'P2B_MESSENGER', 'BOOK_ON_WEBSITE',
];
const NEEDS_WEBSITE = ['VIEW_WEBSITE', 'DOWNLOAD', 'BOOK_ON_WEBSITE'];
const LINK_TEXT_MAX = 70;
/** The tasks that let a page token create lead forms. */
const ADVERTISING_TASKS = ['ADVERTISE', 'MANAGE'];

function decoded(params: Params, name: string): unknown {
  const raw = params[name];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** "You may receive unknown errors for privacy_policy if the URL is invalid or the link_text exceeds 70 characters." */
function unknownError(): SimAnswer {
  return graphError({ message: 'An unknown error has occurred.', code: 1, error_subcode: 99 }, 500);
}

function checkQuestions(value: unknown): SimAnswer | undefined {
  if (value === undefined) return invalidParameter('The parameter questions is required');
  if (!Array.isArray(value)) return invalidParameter('Param questions must be an array.');
  if (value.length === 0) return invalidParameter('A lead form needs at least one question.');
  const keys = new Set<string>();
  for (const [index, question] of value.entries()) {
    if (!isObject(question)) return invalidParameter(`Param questions[${index}] must be an object.`);
    const invalid = Object.keys(question).filter((key) => !QUESTION_KEYS.includes(key));
    if (invalid.length > 0) return invalidParameter(`Invalid keys "${invalid.join(', ')}" were found in param "questions[${index}]".`);
    if (typeof question.type !== 'string' || !QUESTION_TYPES.includes(question.type)) {
      return invalidParameter(`Param questions[${index}][type] must be one of {${QUESTION_TYPES.join(', ')}} - got "${String(question.type)}".`);
    }
    if (question.type === 'CUSTOM' && (!text(question.key) || !text(question.label))) {
      return invalidParameter(`Custom question questions[${index}] must have a key and a label.`);
    }
    if (question.key !== undefined) {
      if (typeof question.key !== 'string' || keys.has(question.key)) return invalidParameter(`Duplicate or invalid key in questions[${index}].`);
      keys.add(question.key);
    }
    if (question.options !== undefined) {
      if (question.type !== 'CUSTOM') return invalidParameter(`Only custom questions take options (questions[${index}]).`);
      if (!Array.isArray(question.options) || question.options.some((option) => !isObject(option) || !text(option.key) || !text(option.value))) {
        return invalidParameter(`Each option of questions[${index}] needs a key and a value.`);
      }
    }
  }
  return undefined;
}

function checkPrivacyPolicy(value: unknown): SimAnswer | undefined {
  if (!isObject(value) || value.url === undefined) return invalidParameter('The parameter privacy_policy[url] is required.');
  if (!isUrl(value.url)) return unknownError();
  if (value.link_text !== undefined && (typeof value.link_text !== 'string' || value.link_text.length > LINK_TEXT_MAX)) return unknownError();
  return undefined;
}

function checkThankYouPage(value: unknown): SimAnswer | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return invalidParameter('Param thank_you_page must be an object.');
  if (!text(value.title)) return invalidParameter('The parameter thank_you_page[title] is required.');
  if (value.button_type === undefined) return invalidParameter('The parameter thank_you_page[button_type] is required.');
  const type = value.button_type;
  if (typeof type !== 'string' || !BUTTON_TYPES.includes(type)) {
    return invalidParameter(`Param thank_you_page[button_type] must be one of {${BUTTON_TYPES.join(', ')}} - got "${String(type)}".`);
  }
  if (type !== 'NONE' && !text(value.button_text)) return invalidParameter('Button text is missing for Thank You Page');
  if (NEEDS_WEBSITE.includes(type) && !isUrl(value.website_url)) return invalidParameter('Website URL is missing for Thank You Page');
  if (type === 'CALL_BUSINESS' && (!text(value.business_phone_number) || !text(value.country_code))) {
    return graphError({ message: '(#192) The phone number is not a valid phone number', code: 192 });
  }
  return undefined;
}

function checkContextCard(value: unknown): SimAnswer | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) return invalidParameter('Param context_card must be an object.');
  if (value.style === undefined) return invalidParameter('Context card style is not provided');
  if (value.style !== 'LIST_STYLE' && value.style !== 'PARAGRAPH_STYLE') {
    return invalidParameter(`Param context_card[style] must be one of {LIST_STYLE, PARAGRAPH_STYLE} - got "${String(value.style)}".`);
  }
  if (value.content !== undefined && (!Array.isArray(value.content) || value.content.some((line) => typeof line !== 'string'))) {
    return invalidParameter('Param context_card[content] must be an array of strings.');
  }
  return undefined;
}

/** `POST /{page_id}/leadgen_forms` (page token) and `POST /act_{id}/adspixels` (user token), validated like Meta. */
export class SimMetaCreateStore {
  readonly leadForms: SimMetaCreatedLeadForm[] = [];
  readonly pixels: SimMetaCreatedPixel[] = [];
  private lastId = 7_100_000_000_000;

  /** Called with the token's page; `tasks` are the user's tasks on it. */
  leadForm(pageId: string, tasks: readonly string[] | undefined, params: Params): SimAnswer {
    if (tasks && !tasks.some((task) => ADVERTISING_TASKS.includes(task))) {
      return graphError({ message: '(#200) The user needs the ADVERTISE task on this page to create lead forms', code: 200 });
    }
    if (!text(params.name)) return invalidParameter('The parameter name is required');
    const questions = decoded(params, 'questions');
    const privacyPolicy = decoded(params, 'privacy_policy');
    const thankYouPage = decoded(params, 'thank_you_page');
    const contextCard = decoded(params, 'context_card');
    const locale = params.locale;
    const refused =
      checkQuestions(questions) ??
      checkPrivacyPolicy(privacyPolicy) ??
      checkThankYouPage(thankYouPage) ??
      checkContextCard(contextCard) ??
      (locale !== undefined && !META_SIM_LEAD_FORM_LOCALES.includes(locale)
        ? invalidParameter(`Param locale must be one of {${META_SIM_LEAD_FORM_LOCALES.join(', ')}} - got "${locale}".`)
        : undefined);
    if (refused) return refused;

    const id = this.nextId();
    this.leadForms.push({
      id,
      pageId,
      params: { ...params },
      name: params.name,
      questions: questions as Array<Record<string, unknown>>,
      privacyPolicy: privacyPolicy as Record<string, unknown>,
      thankYouPage: thankYouPage as Record<string, unknown> | undefined,
      contextCard: contextCard as Record<string, unknown> | undefined,
      locale,
    });
    return { status: 200, body: { id } };
  }

  pixel(accountId: string, scopes: readonly string[], params: Params): SimAnswer {
    if (!scopes.includes('ads_management')) return graphError({ message: '(#200) Requires ads_management permission to manage the object', code: 200 });
    if (!text(params.name)) return invalidParameter('The parameter name is required');
    const id = this.nextId();
    this.pixels.push({ id, accountId, name: params.name, params: { ...params } });
    return { status: 200, body: { id } };
  }

  private nextId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }
}
