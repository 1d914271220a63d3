import { SimulatedGooglePlatform } from '../../src/sandbox/google/simulated-google-platform';

export const FAKE_GOOGLE_CLIENT_ID = 'fake-client.apps.googleusercontent.com';
export const FAKE_GOOGLE_CLIENT_SECRET = 'fake-google-client-secret';
export { SIM_GOOGLE_ADS_VERSIONS as FAKE_GOOGLE_ADS_VERSIONS } from '../../src/sandbox/google/simulated-google-platform';
export type {
  SimGoogleAd as FakeGoogleAd,
  SimGoogleAdGroup as FakeGoogleAdGroup,
  SimGoogleAsset as FakeGoogleAsset,
  SimGoogleCall as FakeGoogleCall,
  SimGoogleCampaign as FakeGoogleCampaign,
  SimGoogleCustomer as FakeGoogleCustomer,
  SimGoogleFailureKind as FakeGoogleFailureKind,
  SimGoogleMetricRow as FakeGoogleMetricRow,
  SimGoogleUser as FakeGoogleUser,
} from '../../src/sandbox/google/simulated-google-platform';

/** The simulated Google with the tests' OAuth client, issuing Google's own token shapes, on a loopback server. */
export class FakeGooglePlatform extends SimulatedGooglePlatform {
  constructor() {
    super({ clientId: FAKE_GOOGLE_CLIENT_ID, clientSecret: FAKE_GOOGLE_CLIENT_SECRET, logCalls: true });
  }

  static override async start(): Promise<FakeGooglePlatform> {
    const fake = new FakeGooglePlatform();
    await fake.listen();
    return fake;
  }
}
