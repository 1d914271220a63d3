import { AppException } from '../../src/common/app.exception';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';
import {
  leadFormParams,
  leadFormProblems,
  leadFormQuestions,
  META_LEAD_QUESTION_TYPES,
  META_THANK_YOU_BUTTON_TYPES,
  MetaLeadFormInput,
  MetaLeadFormWriter,
  MetaThankYouPageInput,
  thankYouPageParam,
} from '../../src/platforms/meta/meta-lead-form.writer';
import { MetaPagesReader } from '../../src/platforms/meta/meta-pages.reader';

function form(extra: Partial<MetaLeadFormInput> = {}): MetaLeadFormInput {
  return {
    pageId: '900',
    name: 'Quote form',
    questions: [{ type: 'FULL_NAME' }, { type: 'EMAIL', label: 'Email' }, { type: 'CUSTOM', label: 'Budget?', options: [{ key: 'low', value: 'Low' }, { key: 'high', value: 'High' }] }],
    privacyPolicyUrl: 'https://acme.test/privacy',
    privacyPolicyName: 'Privacy',
    thankYouPage: { title: 'Thanks', body: 'We call you', buttonType: 'VIEW_WEBSITE', buttonText: 'Visit', websiteUrl: 'https://acme.test' },
    language: 'EN_US',
    ...extra,
  };
}

const thanks = (page: Partial<MetaThankYouPageInput>): MetaThankYouPageInput => ({ title: 'Thanks', body: 'Body', buttonType: 'NONE', ...page });

describe('lead form: cross-field rules', () => {
  it('accepts the base form', () => {
    expect(leadFormProblems(form())).toEqual([]);
  });

  it.each<[string, Partial<MetaLeadFormInput>, string[]]>([
    ['a CUSTOM question without label', { questions: [{ type: 'CUSTOM' }] }, ['questions.0.label is required for a CUSTOM question']],
    ['a CUSTOM question with a blank label', { questions: [{ type: 'CUSTOM', label: '  ', key: 'k' }] }, ['questions.0.label is required for a CUSTOM question']],
    ['options on a prefill question', { questions: [{ type: 'EMAIL', options: [{ key: 'a', value: 'A' }] }] }, ['questions.0.options are only allowed on CUSTOM questions (multiple choice)']],
    ['a prefill type twice', { questions: [{ type: 'EMAIL' }, { type: 'PHONE' }, { type: 'EMAIL' }] }, ['questions.2.type EMAIL appears more than once']],
    ['a malformed key', { questions: [{ type: 'CUSTOM', label: 'Q', key: 'has space' }] }, ['questions.0.key must be 1 to 100 letters, digits or underscores']],
    [
      'the same key twice',
      { questions: [{ type: 'CUSTOM', label: 'Q1', key: 'q' }, { type: 'CUSTOM', label: 'Q2', key: 'q' }] },
      ['questions.1.key q is used by another question'],
    ],
    [
      'the same option key twice',
      { questions: [{ type: 'CUSTOM', label: 'Q', options: [{ key: 'a', value: 'A' }, { key: 'a', value: 'B' }] }] },
      ['questions.0.options.1.key a is used by another option'],
    ],
    ['VIEW_WEBSITE without website', { thankYouPage: thanks({ buttonType: 'VIEW_WEBSITE', buttonText: 'Go' }) }, ['thankYouPage.websiteUrl is required for button type VIEW_WEBSITE']],
    ['DOWNLOAD without website', { thankYouPage: thanks({ buttonType: 'DOWNLOAD', buttonText: 'Get it' }) }, ['thankYouPage.websiteUrl is required for button type DOWNLOAD']],
    [
      'CALL_BUSINESS without phone and country',
      { thankYouPage: thanks({ buttonType: 'CALL_BUSINESS', buttonText: 'Call' }) },
      ['thankYouPage.businessPhoneNumber is required for button type CALL_BUSINESS', 'thankYouPage.countryCode is required for button type CALL_BUSINESS'],
    ],
    [
      'WHATSAPP without country',
      { thankYouPage: thanks({ buttonType: 'WHATSAPP', buttonText: 'Chat', businessPhoneNumber: '+4915112345678' }) },
      ['thankYouPage.countryCode is required for button type WHATSAPP'],
    ],
    ['a button without text', { thankYouPage: thanks({ buttonType: 'VIEW_ON_FACEBOOK' }) }, ['thankYouPage.buttonText is required for button type VIEW_ON_FACEBOOK']],
  ])('refuses %s', (_name, extra, problems) => {
    expect(leadFormProblems(form(extra))).toEqual(problems);
  });

  it.each(META_THANK_YOU_BUTTON_TYPES)('accepts button type %s with its fields', (buttonType) => {
    const page = thanks({ buttonType, buttonText: 'Go', websiteUrl: 'https://acme.test/x', businessPhoneNumber: '+4915112345678', countryCode: 'de' });
    expect(leadFormProblems(form({ thankYouPage: page }))).toEqual([]);
  });
});

describe('lead form: what goes to Meta', () => {
  it('maps every field: questions, privacy policy, thank-you page, locale, intro page', () => {
    const params = leadFormParams(
      form({
        name: '  Quote form ',
        privacyPolicyUrl: 'https://acme.test/privacy ',
        privacyPolicyName: ' Privacy ',
        language: 'DE_DE',
        introPage: { title: 'Hi', style: 'LIST_STYLE', content: ['One', 'Two'] },
      }),
    );
    expect(params).toEqual({
      name: 'Quote form',
      questions: [{ type: 'FULL_NAME' }, { type: 'EMAIL' }, { type: 'CUSTOM', key: 'budget', label: 'Budget?', options: [{ key: 'low', value: 'Low' }, { key: 'high', value: 'High' }] }],
      privacy_policy: { url: 'https://acme.test/privacy', link_text: 'Privacy' },
      thank_you_page: { title: 'Thanks', body: 'We call you', button_type: 'VIEW_WEBSITE', button_text: 'Visit', website_url: 'https://acme.test' },
      locale: 'DE_DE',
      context_card: { title: 'Hi', style: 'LIST_STYLE', content: ['One', 'Two'] },
    });
  });

  it('derives unique keys for CUSTOM questions from their labels and keeps given keys', () => {
    expect(
      leadFormQuestions([
        { type: 'CUSTOM', label: 'Wie groß ist Ihr Budget?' },
        { type: 'CUSTOM', label: 'Wie groß ist Ihr Budget?' },
        { type: 'CUSTOM', label: '???', key: 'wie_gro_ist_ihr_budget_3' },
        { type: 'CUSTOM', label: '???' },
        { type: 'PHONE', key: 'phone_number' },
        { type: 'MARITIAL_STATUS', label: 'ignored' },
      ]),
    ).toEqual([
      { type: 'CUSTOM', key: 'wie_gro_ist_ihr_budget', label: 'Wie groß ist Ihr Budget?' },
      { type: 'CUSTOM', key: 'wie_gro_ist_ihr_budget_2', label: 'Wie groß ist Ihr Budget?' },
      { type: 'CUSTOM', key: 'wie_gro_ist_ihr_budget_3', label: '???' },
      { type: 'CUSTOM', key: 'custom_question_4', label: '???' },
      { type: 'PHONE', key: 'phone_number' },
      { type: 'MARITIAL_STATUS' },
    ]);
  });

  it('sends every question type of the seed as is', () => {
    const questions = META_LEAD_QUESTION_TYPES.map((type) => (type === 'CUSTOM' ? { type, label: 'Q' } : { type }));
    expect(leadFormQuestions(questions).map((question) => question.type)).toEqual([...META_LEAD_QUESTION_TYPES]);
  });

  it.each<[MetaThankYouPageInput, Record<string, unknown>]>([
    [thanks({ buttonType: 'NONE', buttonText: 'ignored', websiteUrl: 'https://x.test' }), { title: 'Thanks', body: 'Body', button_type: 'NONE' }],
    [
      thanks({ buttonType: 'CALL_BUSINESS', buttonText: 'Call', businessPhoneNumber: ' +14155550100 ', countryCode: 'us', websiteUrl: 'https://x.test' }),
      { title: 'Thanks', body: 'Body', button_type: 'CALL_BUSINESS', button_text: 'Call', business_phone_number: '+14155550100', country_code: 'US' },
    ],
    [
      thanks({ buttonType: 'WHATSAPP', buttonText: 'Chat', businessPhoneNumber: '+4915112345678', countryCode: 'DE' }),
      { title: 'Thanks', body: 'Body', button_type: 'WHATSAPP', button_text: 'Chat', business_phone_number: '+4915112345678', country_code: 'DE' },
    ],
    [thanks({ buttonType: 'DOWNLOAD', buttonText: 'Get', websiteUrl: 'https://x.test/f.pdf' }), { title: 'Thanks', body: 'Body', button_type: 'DOWNLOAD', button_text: 'Get', website_url: 'https://x.test/f.pdf' }],
    [thanks({ buttonType: 'PROMO_CODE', buttonText: 'Code', countryCode: 'DE' }), { title: 'Thanks', body: 'Body', button_type: 'PROMO_CODE', button_text: 'Code' }],
  ])('thank-you page %#: only the fields of its button type', (page, expected) => {
    expect(thankYouPageParam(page)).toEqual(expected);
  });

  it('create(): refuses before any call, posts with the page token, answers the id and the question keys', async () => {
    const post = jest.fn().mockResolvedValue({ id: 1234 });
    const pageToken = jest.fn().mockResolvedValue('PAGE-TOKEN');
    const writer = new MetaLeadFormWriter({ post } as unknown as MetaGraphClient, { pageToken } as unknown as MetaPagesReader);

    await expect(writer.create('USER', form({ questions: [{ type: 'CUSTOM' }] }))).rejects.toBeInstanceOf(AppException);
    expect(pageToken).not.toHaveBeenCalled();
    expect(post).not.toHaveBeenCalled();

    expect(await writer.create('USER', form())).toEqual({
      id: '1234',
      pageId: '900',
      name: 'Quote form',
      locale: 'EN_US',
      questions: [
        { type: 'FULL_NAME', key: null },
        { type: 'EMAIL', key: null },
        { type: 'CUSTOM', key: 'budget' },
      ],
    });
    expect(pageToken).toHaveBeenCalledWith('USER', '900');
    expect(post).toHaveBeenCalledWith('/900/leadgen_forms', leadFormParams(form()), 'PAGE-TOKEN');
  });

  it('create(): a refused page token is not an expired connection', async () => {
    const expired = PlatformError.authExpired('expired', { platform: 'meta', platformCode: 190 });
    const writer = new MetaLeadFormWriter(
      { post: jest.fn().mockRejectedValue(expired) } as unknown as MetaGraphClient,
      { pageToken: jest.fn().mockResolvedValue('PAGE-TOKEN') } as unknown as MetaPagesReader,
    );
    const error = (await writer.create('USER', form()).catch((e: unknown) => e)) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.authExpired).toBe(false);
    expect(error.getStatus()).toBe(502);
  });
});
