/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { cursorOf, pageOf } from '../../src/sandbox/meta/meta-sim-paging';
export type { PageOptions } from '../../src/sandbox/meta/meta-sim-paging';
