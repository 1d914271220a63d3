/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { fbtraceId, graphError, unsupportedRequest, invalidParameter, deprecatedVersion, tokenError, injectedFailure } from '../../src/sandbox/meta/meta-sim-errors';
export type { SimMetaFailure as FakeMetaFailure, SimAnswer as FakeAnswer, GraphErrorFields } from '../../src/sandbox/meta/meta-sim-errors';
