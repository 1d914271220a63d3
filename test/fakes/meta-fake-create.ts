/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { META_SIM_LEAD_FORM_LOCALES as FAKE_META_LEAD_FORM_LOCALES, SimMetaCreateStore as FakeMetaCreateStore } from '../../src/sandbox/meta/meta-sim-create';
export type { SimMetaCreatedLeadForm as FakeMetaCreatedLeadForm, SimMetaCreatedPixel as FakeMetaCreatedPixel } from '../../src/sandbox/meta/meta-sim-create';
