/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { FIELDS, BREAKDOWNS, LEVELS, parseTimeRange, insightsRows } from '../../src/sandbox/meta/meta-sim-insights';
