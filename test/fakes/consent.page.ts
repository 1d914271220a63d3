/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { CONSENT_GRANT, CONSENT_DENY, renderConsentPage } from '../../src/sandbox/consent.page';
export type { ConsentPageInput } from '../../src/sandbox/consent.page';
