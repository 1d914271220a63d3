/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { SimMetaReportRuns as FakeMetaReportRuns } from '../../src/sandbox/meta/meta-sim-report-runs';
export type { SimReportOutcome as FakeReportOutcome, SimReportContext as FakeReportContext } from '../../src/sandbox/meta/meta-sim-report-runs';
