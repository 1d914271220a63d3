/** Moved to src/sandbox (the sandbox's simulated Meta); the tests keep their old names. */
export { SimMetaLaunchStore as FakeMetaLaunchStore } from '../../src/sandbox/meta/meta-sim-launch';
export type { SimLaunchEdge as FakeLaunchEdge, SimLaunchStep as FakeLaunchStep, SimLaunchFailure as FakeLaunchFailure, SimLaunchObject as FakeLaunchObject, SimLaunchRequest as FakeLaunchRequest, SimLaunchContext as FakeLaunchContext } from '../../src/sandbox/meta/meta-sim-launch';
