/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { requestedFields, unknownField, renderFields, parseFiltering, matchesFilters } from '../../src/sandbox/meta/meta-sim-fields';
export type { SimRow as FakeRow, SimFilter as FakeFilter } from '../../src/sandbox/meta/meta-sim-fields';
