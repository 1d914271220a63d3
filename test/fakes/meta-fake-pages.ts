/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { SimMetaPageStore as FakeMetaPageStore } from '../../src/sandbox/meta/meta-sim-pages';
export type { SimMetaPage as FakeMetaPage, SimMetaPageToken as FakeMetaPageToken } from '../../src/sandbox/meta/meta-sim-pages';
