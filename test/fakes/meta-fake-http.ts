/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { readParams, sendAnswer } from '../../src/sandbox/meta/meta-sim-http';
