export { duringRange, parseGaql, SimGaqlError as FakeGaqlError } from '../../src/sandbox/google/google-sim-gaql';
export type {
  SimGaqlCondition as FakeGaqlCondition,
  SimGaqlLiteral as FakeGaqlLiteral,
  SimGaqlOperator as FakeGaqlOperator,
  SimGaqlQuery as FakeGaqlQuery,
} from '../../src/sandbox/google/google-sim-gaql';
