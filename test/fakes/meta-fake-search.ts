/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { SimMetaSearchStore as FakeMetaSearchStore } from '../../src/sandbox/meta/meta-sim-search';
