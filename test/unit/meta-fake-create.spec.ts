import axios from 'axios';
import { createHmac } from 'node:crypto';
import { FAKE_META_APP_SECRET, FakeMetaPlatform } from '../fakes/meta-platform.fake';
import { submitConsent } from '../fakes/consent-form.client';

const proof = (token: string) => createHmac('sha256', FAKE_META_APP_SECRET).update(token).digest('hex');

/** The fake's create routes refuse what Meta refuses, so tests of our validation are not fooled by a lenient fake. */
describe('the fake validates creates like Meta', () => {
  let fake: FakeMetaPlatform;
  let pageToken: string;
  let userToken: string;

  const form = (params: Record<string, unknown>, token = pageToken, page = '900') =>
    axios.post(
      `${fake.url}/v25.0/${page}/leadgen_forms`,
      new URLSearchParams(
        Object.entries({ access_token: token, appsecret_proof: proof(token), ...params })
          .filter(([, value]) => value !== undefined)
          .map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
      ),
      { validateStatus: () => true },
    );
  const valid = {
    name: 'Form',
    questions: [{ type: 'EMAIL' }, { type: 'CUSTOM', key: 'q', label: 'Q?' }],
    privacy_policy: { url: 'https://acme.test/privacy', link_text: 'Privacy' },
    thank_you_page: { title: 'Thanks', button_type: 'NONE' },
    locale: 'EN_US',
  };

  beforeAll(async () => {
    fake = await FakeMetaPlatform.start();
    fake.addUser({ id: 'u1', name: 'Ada', adAccounts: [{ account_id: '1001', name: 'A', currency: 'EUR', timezone_name: 'Europe/Berlin', account_status: 1 }] });
    fake.setPages('u1', [{ id: '900', name: 'Page' }, { id: '901', name: 'Other page' }]);
    pageToken = fake.pageAccessToken('u1', '900')!;
    // A user session, so that the page token is live.
    const dialogParams = new URLSearchParams({ client_id: '1234567890', redirect_uri: 'http://localhost/cb', scope: 'ads_management', response_type: 'code' });
    const dialog = await submitConsent(`${fake.url}/v25.0/dialog/oauth?${dialogParams}`);
    const code = new URL(dialog.location!).searchParams.get('code')!;
    const exchange = await axios.get(`${fake.url}/v25.0/oauth/access_token`, {
      params: { client_id: '1234567890', client_secret: FAKE_META_APP_SECRET, redirect_uri: 'http://localhost/cb', code },
    });
    userToken = exchange.data.access_token as string;
  });
  afterAll(() => fake.close());

  it('creates a form with the page token and records it', async () => {
    const answer = await form(valid);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ id: expect.stringMatching(/^\d+$/) });
    expect(fake.created.leadForms.pop()).toMatchObject({ id: answer.data.id, pageId: '900', name: 'Form', locale: 'EN_US', questions: valid.questions });
  });

  it.each<[string, Record<string, unknown>, number, RegExp]>([
    ['no name', { name: '' }, 100, /name is required/],
    ['no questions', { questions: undefined }, 100, /questions is required/],
    ['empty questions', { questions: [] }, 100, /at least one question/],
    ['a CUSTOM question without key', { questions: [{ type: 'CUSTOM', label: 'Q?' }] }, 100, /must have a key and a label/],
    ['a CUSTOM question without label', { questions: [{ type: 'CUSTOM', key: 'q' }] }, 100, /must have a key and a label/],
    ['an unknown question key', { questions: [{ type: 'EMAIL', input_type: 'TEXT' }] }, 100, /Invalid keys "input_type"/],
    ['no privacy policy URL', { privacy_policy: { link_text: 'Privacy' } }, 100, /privacy_policy\[url\] is required/],
    ['a link text over 70 characters', { privacy_policy: { url: 'https://acme.test', link_text: 'x'.repeat(71) } }, 1, /unknown error/],
    ['an invalid privacy URL', { privacy_policy: { url: 'not a url' } }, 1, /unknown error/],
    ['an unknown locale', { locale: 'EN_XX' }, 100, /locale must be one of/],
    ['a thank-you page without button type', { thank_you_page: { title: 'Thanks' } }, 100, /button_type\] is required/],
    ['a button without text', { thank_you_page: { title: 'Thanks', button_type: 'VIEW_ON_FACEBOOK' } }, 100, /Button text is missing/],
    ['a context card without style', { context_card: { title: 'Hi', content: ['x'] } }, 100, /Context card style is not provided/],
  ])('refuses %s', async (_name, change, code, message) => {
    const answer = await form({ ...valid, ...change });
    expect(answer.data.error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('needs the token of that very page', async () => {
    expect((await form(valid, userToken)).data.error).toMatchObject({ code: 190, message: expect.stringMatching(/Page Access Token/) });
    expect((await form(valid, fake.pageAccessToken('u1', '901')!)).data.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('creates a pixel with a name on an account of the user', async () => {
    const pixel = (account: string, params: Record<string, string>) =>
      axios.post(`${fake.url}/v25.0/act_${account}/adspixels`, new URLSearchParams({ access_token: userToken, appsecret_proof: proof(userToken), ...params }), {
        validateStatus: () => true,
      });
    expect((await pixel('1001', { name: 'P' })).data).toEqual({ id: expect.any(String) });
    expect((await pixel('1001', {})).data.error).toMatchObject({ code: 100, message: expect.stringMatching(/name is required/) });
    expect((await pixel('9999', { name: 'P' })).data.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect(fake.created.pixels).toEqual([expect.objectContaining({ accountId: '1001', name: 'P' })]);
  });
});
