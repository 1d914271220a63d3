/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { usageHeaders } from '../../src/sandbox/meta/meta-sim-usage';
export type { SimMetaUsage as FakeMetaUsage } from '../../src/sandbox/meta/meta-sim-usage';
