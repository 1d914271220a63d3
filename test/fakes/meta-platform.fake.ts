/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { META_SIM_LOOPBACK_APP_ID as FAKE_META_APP_ID, META_SIM_LOOPBACK_APP_SECRET as FAKE_META_APP_SECRET, META_SIM_VERSIONS as FAKE_META_VERSIONS, SimulatedMetaPlatform as FakeMetaPlatform } from '../../src/sandbox/meta/simulated-meta-platform';
export type { SimMetaAdAccount as FakeMetaAdAccount, SimMetaUser as FakeMetaUser, SimMetaCall as FakeMetaCall, SimMetaTokenRecord as FakeMetaTokenRecord, SimMetaTokenCodec as FakeMetaTokenCodec, SimulatedMetaPlatformOptions as FakeMetaPlatformOptions } from '../../src/sandbox/meta/simulated-meta-platform';
export type { SimMetaFailure as FakeMetaFailure } from '../../src/sandbox/meta/meta-sim-errors';
export type { SimRow as FakeRow } from '../../src/sandbox/meta/meta-sim-fields';
export type { SimMetaAccountObjects as FakeMetaAccountObjects } from '../../src/sandbox/meta/meta-sim-objects';
export type { SimMetaPage as FakeMetaPage } from '../../src/sandbox/meta/meta-sim-pages';
export type { SimMetaUsage as FakeMetaUsage } from '../../src/sandbox/meta/meta-sim-usage';
