export { CONSENT_DENY, CONSENT_GRANT, renderConsentPage } from '../../src/sandbox/consent.page';
export type { ConsentPageInput } from '../../src/sandbox/consent.page';
