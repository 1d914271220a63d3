/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { SIM_BREAKDOWN_VALUES as FAKE_BREAKDOWN_VALUES, dayNumber, dateOf, breakdownValues, mix, campaignCount, campaignAt, currencyFactor, simDay as fakeDay, splitInteger, splitDay, addNumbers, ZERO, wireNumbers } from '../../src/sandbox/meta/meta-sim-insights-model';
export type { SimInsightsCampaign as FakeInsightsCampaign, SimInsightsModel as FakeInsightsModel, SimNumbers as FakeNumbers } from '../../src/sandbox/meta/meta-sim-insights-model';
