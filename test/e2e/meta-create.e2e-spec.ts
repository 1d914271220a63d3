import { MetaTeamFixture, startMetaTeam } from '../support/meta-team';

const ACCOUNT = '3001';
const PAGE = '900';
const PAGE_WITHOUT_TASKS = '901';

const QUESTION_TYPES = [
  'CUSTOM', 'CITY', 'COMPANY_NAME', 'COUNTRY', 'DOB', 'EMAIL', 'GENDER', 'FIRST_NAME', 'FULL_NAME', 'JOB_TITLE', 'LAST_NAME', 'MARITIAL_STATUS',
  'WHATSAPP_NUMBER', 'EDUCATION_LEVEL', 'WEBSITE', 'PHONE', 'PHONE_OTP', 'POST_CODE', 'PROVINCE', 'RELATIONSHIP_STATUS', 'STATE', 'STREET_ADDRESS',
  'ZIP', 'WORK_EMAIL', 'MILITARY_STATUS',
];
const LANGUAGES = [
  'AR_AR', 'CS_CZ', 'DA_DK', 'DE_DE', 'EL_GR', 'EN_GB', 'EN_US', 'ES_ES', 'ES_LA', 'FI_FI', 'FR_FR', 'HE_IL', 'HI_IN', 'HU_HU', 'ID_ID', 'IT_IT',
  'JA_JP', 'KO_KR', 'NB_NO', 'NL_NL', 'PL_PL', 'PT_BR', 'PT_PT', 'RO_RO', 'RU_RU', 'SV_SE', 'TH_TH', 'TR_TR', 'VI_VN', 'ZH_CN', 'ZH_HK', 'ZH_TW',
];

type Body = Record<string, unknown>;

/** A seed-shaped body: prefill questions carry labels and empty options, the thank-you page every field. */
function leadForm(extra: Body = {}): Body {
  return {
    pageId: PAGE,
    name: 'Spring quote',
    questions: [
      { type: 'FULL_NAME', label: 'Full name', options: [] },
      { type: 'EMAIL', label: 'Email', options: [] },
      { type: 'CUSTOM', label: 'What is your budget?', options: [{ value: 'Under 1000', key: 'low' }, { value: '1000 or more', key: 'high' }] },
    ],
    privacyPolicyUrl: 'https://acme.test/privacy',
    privacyPolicyName: 'Acme privacy policy',
    thankYouPage: {
      title: 'Thank you',
      body: 'We will be in touch.',
      buttonText: 'Visit our site',
      buttonType: 'VIEW_WEBSITE',
      websiteUrl: 'https://acme.test',
      countryCode: '',
      businessPhoneNumber: '',
    },
    language: 'EN_US',
    ...extra,
  };
}

const thanks = (page: Body) => ({ title: 'Thank you', body: 'We will be in touch.', ...page });

describe('Meta creates: lead forms and pixels', () => {
  let f: MetaTeamFixture;
  let viewer: MetaTeamFixture['member'];
  let manager: MetaTeamFixture['member'];
  const base = () => `/${f.teamId}/meta`;
  const post = (who: MetaTeamFixture['member'], path: string, body: Body, query = `?adAccountId=act_${ACCOUNT}`) =>
    f.api.as(who, 'post', `${base()}${path}${query}`).send(body);
  const lastForm = () => f.meta.created.leadForms[f.meta.created.leadForms.length - 1];

  beforeAll(async () => {
    f = await startMetaTeam({
      id: '801',
      name: 'Ada',
      adAccounts: [{ account_id: ACCOUNT, name: 'Main', currency: 'USD', timezone_name: 'America/New_York', account_status: 1 }],
    });
    f.meta.setPages('801', [
      { id: PAGE, name: 'Acme Page' },
      { id: PAGE_WITHOUT_TASKS, name: 'Read-only page', tasks: [] },
    ]);
    await f.api
      .as(f.teamAdmin, 'post', `/teams/${f.teamId}/members`)
      .send({ members: [{ externalUserId: 'viewer', role: 'MEMBER' }, { externalUserId: 'manager', role: 'MEMBER' }] })
      .expect(200);
    viewer = await f.api.login(f.tenant.apiKey, 'viewer');
    manager = await f.api.login(f.tenant.apiKey, 'manager');
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'viewer', permission: 'VIEWER' }).expect(201);
    await f.api.as(f.teamAdmin, 'post', `/${f.teamId}/ads-accounts/assign`).send({ adAccountId: `act_${ACCOUNT}`, externalUserId: 'manager', permission: 'MANAGER' }).expect(201);
  });
  afterAll(() => f.close());

  describe('POST /{teamId}/meta/lead-form', () => {
    it('a MANAGER creates a lead form with the page token; every field is mapped', async () => {
      const response = await post(
        manager,
        '/lead-form',
        leadForm({
          introPage: { title: 'Get a quote', style: 'PARAGRAPH_STYLE', content: ['It takes a minute.'] },
          language: 'DE_DE',
        }),
      ).expect(201);

      const form = lastForm();
      expect(response.body).toMatchObject({ success: true, statusCode: 201, message: 'Lead form created successfully' });
      expect(response.body.data).toEqual({
        id: form.id,
        pageId: PAGE,
        name: 'Spring quote',
        locale: 'DE_DE',
        questions: [
          { type: 'FULL_NAME', key: null },
          { type: 'EMAIL', key: null },
          { type: 'CUSTOM', key: 'what_is_your_budget' },
        ],
      });

      const call = f.meta.calls.filter((c) => c.method === 'POST' && c.path === `/v25.0/${PAGE}/leadgen_forms`).pop()!;
      expect(call.body.access_token).toBe(f.meta.pageAccessToken('801', PAGE));
      expect(call.query).toEqual({});
      expect(form.pageId).toBe(PAGE);
      expect(form.name).toBe('Spring quote');
      expect(form.questions).toEqual([
        { type: 'FULL_NAME' },
        { type: 'EMAIL' },
        { type: 'CUSTOM', key: 'what_is_your_budget', label: 'What is your budget?', options: [{ key: 'low', value: 'Under 1000' }, { key: 'high', value: '1000 or more' }] },
      ]);
      expect(form.privacyPolicy).toEqual({ url: 'https://acme.test/privacy', link_text: 'Acme privacy policy' });
      expect(form.thankYouPage).toEqual({
        title: 'Thank you',
        body: 'We will be in touch.',
        button_type: 'VIEW_WEBSITE',
        button_text: 'Visit our site',
        website_url: 'https://acme.test',
      });
      expect(form.contextCard).toEqual({ title: 'Get a quote', style: 'PARAGRAPH_STYLE', content: ['It takes a minute.'] });
      expect(form.locale).toBe('DE_DE');
      // Objects go JSON-encoded in the form body, like the SDKs send them.
      expect(JSON.parse(call.body.questions)).toEqual(form.questions);
      expect(Object.keys(call.body).sort()).toEqual(['access_token', 'appsecret_proof', 'context_card', 'locale', 'name', 'privacy_policy', 'questions', 'thank_you_page']);
    });

    it('sends every question type of the seed; CUSTOM keys are kept or derived', async () => {
      const questions: Body[] = [
        ...QUESTION_TYPES.map((type) => (type === 'CUSTOM' ? { type, label: 'Anything else?', key: 'anything_else', options: [] } : { type, label: type })),
        { type: 'CUSTOM', label: 'Preferred day', options: [{ value: 'Monday', key: 'mon' }] },
      ];
      await post(f.teamAdmin, '/lead-form', leadForm({ questions })).expect(201);
      expect(lastForm().questions.map((q) => q.type)).toEqual([...QUESTION_TYPES, 'CUSTOM']);
      expect(lastForm().questions[0]).toEqual({ type: 'CUSTOM', key: 'anything_else', label: 'Anything else?' });
      expect(lastForm().questions[QUESTION_TYPES.length]).toEqual({ type: 'CUSTOM', key: 'preferred_day', label: 'Preferred day', options: [{ key: 'mon', value: 'Monday' }] });
    });

    it.each<[string, Body, Body]>([
      ['VIEW_WEBSITE', { buttonType: 'VIEW_WEBSITE', buttonText: 'Visit', websiteUrl: 'https://acme.test/a' }, { button_text: 'Visit', website_url: 'https://acme.test/a' }],
      [
        'CALL_BUSINESS',
        { buttonType: 'CALL_BUSINESS', buttonText: 'Call us', businessPhoneNumber: '+14155550100', countryCode: 'US', websiteUrl: '' },
        { button_text: 'Call us', business_phone_number: '+14155550100', country_code: 'US' },
      ],
      ['MESSAGE_BUSINESS', { buttonType: 'MESSAGE_BUSINESS', buttonText: 'Message us' }, { button_text: 'Message us' }],
      ['DOWNLOAD', { buttonType: 'DOWNLOAD', buttonText: 'Get the guide', websiteUrl: 'https://acme.test/guide.pdf' }, { button_text: 'Get the guide', website_url: 'https://acme.test/guide.pdf' }],
      ['SCHEDULE_APPOINTMENT', { buttonType: 'SCHEDULE_APPOINTMENT', buttonText: 'Book' }, { button_text: 'Book' }],
      ['VIEW_ON_FACEBOOK', { buttonType: 'VIEW_ON_FACEBOOK', buttonText: 'See page' }, { button_text: 'See page' }],
      ['PROMO_CODE', { buttonType: 'PROMO_CODE', buttonText: 'Get code' }, { button_text: 'Get code' }],
      ['NONE', { buttonType: 'NONE', buttonText: '', websiteUrl: '', countryCode: '', businessPhoneNumber: '' }, {}],
      [
        'WHATSAPP',
        { buttonType: 'WHATSAPP', buttonText: 'Chat', businessPhoneNumber: '+49 151 12345678', countryCode: 'de' },
        { button_text: 'Chat', business_phone_number: '+49 151 12345678', country_code: 'DE' },
      ],
    ])('thank-you button %s sends its own fields only', async (buttonType, page, expected) => {
      await post(manager, '/lead-form', leadForm({ thankYouPage: thanks(page) })).expect(201);
      expect(lastForm().thankYouPage).toEqual({ title: 'Thank you', body: 'We will be in touch.', button_type: buttonType, ...expected });
    });

    it('passes every language of the seed as the locale', async () => {
      for (const language of LANGUAGES) {
        await post(manager, '/lead-form', leadForm({ language, name: `Form ${language}` })).expect(201);
        expect(lastForm().locale).toBe(language);
      }
    });

    it('takes the ad account from the team when adAccountId is left out (the team has one)', async () => {
      await post(manager, '/lead-form', leadForm(), '').expect(201);
    });

    it.each<[string, Body, string]>([
      ['no pageId', leadForm({ pageId: undefined }), 'pageId'],
      ['a non-numeric pageId', leadForm({ pageId: '../me' }), 'pageId must be a numeric page id'],
      ['no name', leadForm({ name: '' }), 'name should not be empty'],
      ['no questions', leadForm({ questions: [] }), 'questions must contain at least 1 elements'],
      ['an unknown question type', leadForm({ questions: [{ type: 'SHOE_SIZE', label: 'x' }] }), 'questions.0.type must be one of the following values'],
      ['a CUSTOM question without label', leadForm({ questions: [{ type: 'CUSTOM', key: 'k', options: [] }] }), 'questions.0.label is required for a CUSTOM question'],
      ['options on a prefill question', leadForm({ questions: [{ type: 'EMAIL', label: 'Email', options: [{ key: 'a', value: 'A' }] }] }), 'questions.0.options are only allowed on CUSTOM questions'],
      ['an option without key', leadForm({ questions: [{ type: 'CUSTOM', label: 'Q', options: [{ value: 'A' }] }] }), 'questions.0.options.0.key should not be empty'],
      ['a duplicate option key', leadForm({ questions: [{ type: 'CUSTOM', label: 'Q', options: [{ key: 'a', value: 'A' }, { key: 'a', value: 'B' }] }] }), 'questions.0.options.1.key a is used by another option'],
      ['a question key with spaces', leadForm({ questions: [{ type: 'CUSTOM', label: 'Q', key: 'a b' }] }), 'questions.0.key must be 1 to 100 letters'],
      ['an unknown question property', leadForm({ questions: [{ type: 'EMAIL', shoeSize: 42 }] }), 'questions.0.property shoeSize should not exist'],
      ['a privacy link text over 70 characters', leadForm({ privacyPolicyName: 'x'.repeat(71) }), 'privacyPolicyName must be shorter than or equal to 70 characters'],
      ['a privacy URL that is not http(s)', leadForm({ privacyPolicyUrl: 'javascript:alert(1)' }), 'privacyPolicyUrl must be an http(s) URL'],
      ['an unknown language', leadForm({ language: 'EN_XX' }), 'language must be one of the following values'],
      ['no thank-you page', leadForm({ thankYouPage: undefined }), 'thankYouPage'],
      ['an unknown button type', leadForm({ thankYouPage: thanks({ buttonType: 'DANCE', buttonText: 'x' }) }), 'thankYouPage.buttonType must be one of the following values'],
      ['VIEW_WEBSITE without website URL', leadForm({ thankYouPage: thanks({ buttonType: 'VIEW_WEBSITE', buttonText: 'Go', websiteUrl: '' }) }), 'thankYouPage.websiteUrl is required for button type VIEW_WEBSITE'],
      ['a website URL that is not a URL', leadForm({ thankYouPage: thanks({ buttonType: 'VIEW_WEBSITE', buttonText: 'Go', websiteUrl: 'acme' }) }), 'thankYouPage.websiteUrl must be an http(s) URL'],
      ['CALL_BUSINESS without phone', leadForm({ thankYouPage: thanks({ buttonType: 'CALL_BUSINESS', buttonText: 'Call', countryCode: 'US' }) }), 'thankYouPage.businessPhoneNumber is required for button type CALL_BUSINESS'],
      ['WHATSAPP without country', leadForm({ thankYouPage: thanks({ buttonType: 'WHATSAPP', buttonText: 'Chat', businessPhoneNumber: '+14155550100' }) }), 'thankYouPage.countryCode is required for button type WHATSAPP'],
      ['a country that is not ISO 3166-1 alpha-2', leadForm({ thankYouPage: thanks({ buttonType: 'WHATSAPP', buttonText: 'Chat', businessPhoneNumber: '+14155550100', countryCode: 'USA' }) }), 'thankYouPage.countryCode must be an ISO 3166-1 alpha-2 country code'],
      ['a phone number with letters', leadForm({ thankYouPage: thanks({ buttonType: 'CALL_BUSINESS', buttonText: 'Call', businessPhoneNumber: 'call me', countryCode: 'US' }) }), 'thankYouPage.businessPhoneNumber must be a phone number'],
      ['a button without text', leadForm({ thankYouPage: thanks({ buttonType: 'PROMO_CODE' }) }), 'thankYouPage.buttonText is required for button type PROMO_CODE'],
      ['an intro page with an unknown style', leadForm({ introPage: { title: 'Hi', style: 'COMIC_STYLE', content: ['x'] } }), 'introPage.style must be one of the following values'],
      ['an intro page without content', leadForm({ introPage: { title: 'Hi', style: 'LIST_STYLE', content: [] } }), 'introPage.content must contain at least 1 elements'],
    ])('refuses %s with a 400, without calling Meta', async (_name, body, detail) => {
      const calls = f.meta.calls.length;
      const response = await post(manager, '/lead-form', body).expect(400);
      expect(response.body.error.code).toBe('BAD_REQUEST');
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.stringContaining(detail)]));
      expect(f.meta.calls.length).toBe(calls);
    });

    it('a page the user does not have is a 404; a page without a task is a 403; neither reaches the leadgen_forms edge', async () => {
      const forms = f.meta.created.leadForms.length;
      await post(manager, '/lead-form', leadForm({ pageId: '12345' })).expect(404);
      await post(manager, '/lead-form', leadForm({ pageId: PAGE_WITHOUT_TASKS })).expect(403);
      expect(f.meta.created.leadForms.length).toBe(forms);
      expect(f.meta.calls.some((c) => c.method === 'POST' && c.path.endsWith(`/${PAGE_WITHOUT_TASKS}/leadgen_forms`))).toBe(false);
    });

    it('a VIEWER, a member without permission and an outsider cannot create, and Meta is not called', async () => {
      const calls = f.meta.calls.length;
      await post(viewer, '/lead-form', leadForm()).expect(403);
      await post(f.member, '/lead-form', leadForm()).expect(403);
      await post(f.outsider, '/lead-form', leadForm()).expect(404);
      expect(f.meta.calls.length).toBe(calls);
    });
  });

  describe('POST /{teamId}/meta/pixels', () => {
    it('a MANAGER creates a pixel: 201 with id and name; the description is not sent to Meta', async () => {
      const response = await post(manager, '/pixels', { name: 'Test Pixel', description: 'Created via API' }).expect(201);
      const pixel = f.meta.created.pixels[f.meta.created.pixels.length - 1];
      expect(response.body).toMatchObject({ success: true, statusCode: 201, message: 'Pixel created successfully', data: { id: pixel.id, name: 'Test Pixel' } });
      expect(Object.keys(response.body.data).sort()).toEqual(['id', 'name']);
      expect(pixel).toMatchObject({ accountId: ACCOUNT, name: 'Test Pixel' });
      expect(Object.keys(pixel.params).sort()).toEqual(['access_token', 'appsecret_proof', 'name']);
    });

    it('a team ADMIN creates one too; an Idempotency-Key replays without a second pixel', async () => {
      const pixels = f.meta.created.pixels.length;
      const first = await post(f.teamAdmin, '/pixels', { name: 'Once' }).set('idempotency-key', 'pixel-once').expect(201);
      const again = await post(f.teamAdmin, '/pixels', { name: 'Once' }).set('idempotency-key', 'pixel-once').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.data).toEqual(first.body.data);
      expect(f.meta.created.pixels.length).toBe(pixels + 1);
    });

    it.each<[string, Body, string]>([
      ['no name', {}, 'name should not be empty'],
      ['a blank name', { name: '   ' }, 'name must be 1 to 100 characters'],
      ['a name over 100 characters', { name: 'p'.repeat(101) }, 'name must be shorter than or equal to 100 characters'],
      ['an unknown property', { name: 'x', code: '<script>' }, 'property code should not exist'],
    ])('refuses %s with a 400, without calling Meta', async (_name, body, detail) => {
      const calls = f.meta.calls.length;
      const response = await post(manager, '/pixels', body).expect(400);
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.stringContaining(detail)]));
      expect(f.meta.calls.length).toBe(calls);
    });

    it('a VIEWER, a member without permission and an outsider cannot create', async () => {
      const pixels = f.meta.created.pixels.length;
      await post(viewer, '/pixels', { name: 'x' }).expect(403);
      await post(f.member, '/pixels', { name: 'x' }).expect(403);
      await post(f.outsider, '/pixels', { name: 'x' }).expect(404);
      expect(f.meta.created.pixels.length).toBe(pixels);
    });

    it('a rate limit with a short regain time is retried and the pixel created once', async () => {
      f.meta.regainAccessMinutes = 0.005; // 0.3 s: waited for (at least the 0.5 s first backoff)
      f.meta.failNext('rate-limit', 1);
      const before = f.meta.callsTo(`/act_${ACCOUNT}/adspixels`);
      const pixels = f.meta.created.pixels.length;
      await post(manager, '/pixels', { name: 'After a short throttle' }).expect(201);
      expect(f.meta.callsTo(`/act_${ACCOUNT}/adspixels`)).toBe(before + 2);
      expect(f.meta.created.pixels.length).toBe(pixels + 1);
    });

    it('a rate limit with a long regain time is a 429 with Retry-After at once', async () => {
      f.meta.regainAccessMinutes = 5;
      f.meta.failNext('rate-limit', 1);
      const before = f.meta.callsTo(`/act_${ACCOUNT}/adspixels`);
      const response = await post(manager, '/pixels', { name: 'Throttled' }).expect(429);
      expect(response.body.error.code).toBe('PLATFORM_RATE_LIMITED');
      expect(response.headers['retry-after']).toBe('300');
      expect(f.meta.callsTo(`/act_${ACCOUNT}/adspixels`)).toBe(before + 1);
    });
  });
});
