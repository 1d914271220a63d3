/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { graphTime, SimMetaObjectStore as FakeMetaObjectStore } from '../../src/sandbox/meta/meta-sim-objects';
export type { SimMetaAccountObjects as FakeMetaAccountObjects, SimMetaObjectKind as FakeMetaObjectKind } from '../../src/sandbox/meta/meta-sim-objects';
