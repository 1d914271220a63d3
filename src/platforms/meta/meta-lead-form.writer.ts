import { Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { PlatformError } from '../platform-error';
import { GraphParams, MetaGraphClient } from './meta-graph.client';
import { MetaPagesReader } from './meta-pages.reader';
import { createdId } from './meta-pixel.writer';

/** Question types of the seed contract (Meta's spelling, `MARITIAL_STATUS` included). */
export const META_LEAD_QUESTION_TYPES = [
  'CUSTOM', 'CITY', 'COMPANY_NAME', 'COUNTRY', 'DOB', 'EMAIL', 'GENDER', 'FIRST_NAME', 'FULL_NAME', 'JOB_TITLE', 'LAST_NAME', 'MARITIAL_STATUS',
  'WHATSAPP_NUMBER', 'EDUCATION_LEVEL', 'WEBSITE', 'PHONE', 'PHONE_OTP', 'POST_CODE', 'PROVINCE', 'RELATIONSHIP_STATUS', 'STATE', 'STREET_ADDRESS',
  'ZIP', 'WORK_EMAIL', 'MILITARY_STATUS',
] as const;
export type MetaLeadQuestionType = (typeof META_LEAD_QUESTION_TYPES)[number];

export const META_THANK_YOU_BUTTON_TYPES = [
  'VIEW_WEBSITE', 'CALL_BUSINESS', 'MESSAGE_BUSINESS', 'DOWNLOAD', 'SCHEDULE_APPOINTMENT', 'VIEW_ON_FACEBOOK', 'PROMO_CODE', 'NONE', 'WHATSAPP',
] as const;
export type MetaThankYouButtonType = (typeof META_THANK_YOU_BUTTON_TYPES)[number];

export const META_LEAD_FORM_LOCALES = [
  'AR_AR', 'CS_CZ', 'DA_DK', 'DE_DE', 'EL_GR', 'EN_GB', 'EN_US', 'ES_ES', 'ES_LA', 'FI_FI', 'FR_FR', 'HE_IL', 'HI_IN', 'HU_HU', 'ID_ID', 'IT_IT',
  'JA_JP', 'KO_KR', 'NB_NO', 'NL_NL', 'PL_PL', 'PT_BR', 'PT_PT', 'RO_RO', 'RU_RU', 'SV_SE', 'TH_TH', 'TR_TR', 'VI_VN', 'ZH_CN', 'ZH_HK', 'ZH_TW',
] as const;
export type MetaLeadFormLocale = (typeof META_LEAD_FORM_LOCALES)[number];

export const META_CONTEXT_CARD_STYLES = ['LIST_STYLE', 'PARAGRAPH_STYLE'] as const;
export type MetaContextCardStyle = (typeof META_CONTEXT_CARD_STYLES)[number];

/** Button types whose button opens a URL (Meta refuses them without `website_url`). */
export const META_WEBSITE_BUTTONS: readonly MetaThankYouButtonType[] = ['VIEW_WEBSITE', 'DOWNLOAD'];
/** Button types that need a phone number and its ISO 3166-1 alpha-2 country (seed contract). */
export const META_PHONE_BUTTONS: readonly MetaThankYouButtonType[] = ['CALL_BUSINESS', 'WHATSAPP'];
export const META_PRIVACY_LINK_TEXT_MAX = 70;
export const META_QUESTION_KEY = /^[A-Za-z0-9_]{1,100}$/;

export interface MetaLeadQuestionInput {
  type: MetaLeadQuestionType;
  /** Shown to the person for CUSTOM questions; Meta renders prefill questions in the form's locale. */
  label?: string;
  /** The name of the answer in the lead's `field_data`; derived from the label for a CUSTOM question without one. */
  key?: string;
  /** Multiple choice (CUSTOM only). */
  options?: Array<{ key: string; value: string }>;
}

export interface MetaThankYouPageInput {
  title: string;
  body: string;
  buttonType: MetaThankYouButtonType;
  buttonText?: string;
  websiteUrl?: string;
  countryCode?: string;
  businessPhoneNumber?: string;
}

export interface MetaIntroPageInput {
  title: string;
  style: MetaContextCardStyle;
  content: string[];
}

/** The seed's body of `POST /{teamId}/meta/lead-form`. */
export interface MetaLeadFormInput {
  pageId: string;
  name: string;
  questions: MetaLeadQuestionInput[];
  privacyPolicyUrl: string;
  privacyPolicyName: string;
  thankYouPage: MetaThankYouPageInput;
  language: MetaLeadFormLocale;
  introPage?: MetaIntroPageInput;
}

export interface MetaCreatedLeadForm {
  id: string;
  pageId: string;
  name: string;
  locale: MetaLeadFormLocale;
  /** The key of each question, in order: the names of the answers in the leads' `field_data` (null: Meta's default). */
  questions: Array<{ type: MetaLeadQuestionType; key: string | null }>;
}

const present = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * What the body says that field validation cannot: rules across fields. Pure; an empty list means valid.
 * Messages name the field the way the validation pipe does (`questions.2.label …`).
 */
export function leadFormProblems(input: MetaLeadFormInput): string[] {
  const problems: string[] = [];
  const prefillTypes = new Set<string>();
  const keys = new Set<string>();
  input.questions.forEach((question, index) => {
    const at = `questions.${index}`;
    const options = question.options ?? [];
    if (question.type === 'CUSTOM') {
      if (!present(question.label)) problems.push(`${at}.label is required for a CUSTOM question`);
    } else {
      if (options.length > 0) problems.push(`${at}.options are only allowed on CUSTOM questions (multiple choice)`);
      if (prefillTypes.has(question.type)) problems.push(`${at}.type ${question.type} appears more than once`);
      prefillTypes.add(question.type);
    }
    if (question.key !== undefined) {
      if (!META_QUESTION_KEY.test(question.key)) problems.push(`${at}.key must be 1 to 100 letters, digits or underscores`);
      else if (keys.has(question.key)) problems.push(`${at}.key ${question.key} is used by another question`);
      keys.add(question.key);
    }
    const optionKeys = new Set<string>();
    options.forEach((option, optionIndex) => {
      if (optionKeys.has(option.key)) problems.push(`${at}.options.${optionIndex}.key ${option.key} is used by another option`);
      optionKeys.add(option.key);
    });
  });

  const page = input.thankYouPage;
  if (page.buttonType !== 'NONE' && !present(page.buttonText)) problems.push(`thankYouPage.buttonText is required for button type ${page.buttonType}`);
  if (META_WEBSITE_BUTTONS.includes(page.buttonType) && !present(page.websiteUrl)) {
    problems.push(`thankYouPage.websiteUrl is required for button type ${page.buttonType}`);
  }
  if (META_PHONE_BUTTONS.includes(page.buttonType)) {
    if (!present(page.businessPhoneNumber)) problems.push(`thankYouPage.businessPhoneNumber is required for button type ${page.buttonType}`);
    if (!present(page.countryCode)) problems.push(`thankYouPage.countryCode is required for button type ${page.buttonType}`);
  }
  return problems;
}

/** A key from a label: lower-case ASCII words joined by `_`, unique among `taken`. */
function derivedKey(label: string | undefined, index: number, taken: Set<string>): string {
  const slug = (label ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  const base = slug === '' ? `custom_question_${index + 1}` : slug;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

/** The questions as Meta takes them; a CUSTOM question without a key gets one derived from its label. */
export function leadFormQuestions(questions: readonly MetaLeadQuestionInput[]): Array<Record<string, unknown>> {
  const taken = new Set(questions.map((question) => question.key).filter((key): key is string => key !== undefined));
  return questions.map((question, index) => {
    const out: Record<string, unknown> = { type: question.type };
    if (question.type === 'CUSTOM') {
      out.key = question.key ?? derivedKey(question.label, index, taken);
      out.label = question.label!.trim();
      const options = question.options ?? [];
      if (options.length > 0) out.options = options.map((option) => ({ key: option.key, value: option.value }));
    } else if (question.key !== undefined) {
      out.key = question.key;
    }
    return out;
  });
}

/** `thank_you_page`: the fields of the chosen button only, so a filled-in field of another button type is not sent. */
export function thankYouPageParam(page: MetaThankYouPageInput): Record<string, unknown> {
  const out: Record<string, unknown> = { title: page.title, body: page.body, button_type: page.buttonType };
  if (page.buttonType !== 'NONE' && present(page.buttonText)) out.button_text = page.buttonText;
  if (META_WEBSITE_BUTTONS.includes(page.buttonType)) out.website_url = page.websiteUrl!.trim();
  if (META_PHONE_BUTTONS.includes(page.buttonType)) {
    out.business_phone_number = page.businessPhoneNumber!.trim();
    out.country_code = page.countryCode!.trim().toUpperCase();
  }
  return out;
}

/** The parameters of `POST /{page_id}/leadgen_forms` (objects are JSON-encoded by the Graph client). Pure. */
export function leadFormParams(input: MetaLeadFormInput): GraphParams {
  const params: GraphParams = {
    name: input.name.trim(),
    questions: leadFormQuestions(input.questions),
    privacy_policy: { url: input.privacyPolicyUrl.trim(), link_text: input.privacyPolicyName.trim() },
    thank_you_page: thankYouPageParam(input.thankYouPage),
    locale: input.language,
  };
  if (input.introPage) {
    params.context_card = { title: input.introPage.title, style: input.introPage.style, content: [...input.introPage.content] };
  }
  return params;
}

/** Creates a lead form on one of the connected user's pages, with that page's access token. */
@Injectable()
export class MetaLeadFormWriter {
  constructor(
    private readonly graph: MetaGraphClient,
    private readonly pages: MetaPagesReader,
  ) {}

  async create(accessToken: string, input: MetaLeadFormInput): Promise<MetaCreatedLeadForm> {
    const problems = leadFormProblems(input);
    if (problems.length > 0) throw AppException.badRequest('Validation failed', problems);
    const params = leadFormParams(input);

    const pageToken = await this.pages.pageToken(accessToken, input.pageId);
    let body: unknown;
    try {
      body = await this.graph.post<unknown>(`/${input.pageId}/leadgen_forms`, params, pageToken);
    } catch (error) {
      // The user token has just worked; a refused page token says nothing about the stored connection.
      if (error instanceof PlatformError && error.authExpired) {
        throw PlatformError.failed("Meta refused the access token of this page; check the user's role on the page", error.platformDetails);
      }
      throw error;
    }
    const questions = params.questions as Array<{ type: MetaLeadQuestionType; key?: string }>;
    return {
      id: createdId(body, 'lead form'),
      pageId: input.pageId,
      name: params.name as string,
      locale: input.language,
      questions: questions.map((question) => ({ type: question.type, key: question.key ?? null })),
    };
  }
}
