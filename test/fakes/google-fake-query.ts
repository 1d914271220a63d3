export { runSimQuery as runFakeQuery } from '../../src/sandbox/google/google-sim-query';
export type { SimQueryScope as FakeQueryScope } from '../../src/sandbox/google/google-sim-query';
