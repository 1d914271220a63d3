export { adsError, badPayload, cannedFailure, notFoundPage, USER_PERMISSION_DENIED_MESSAGE } from '../../src/sandbox/google/google-sim-errors';
export type { SimGoogleFailureKind as FakeGoogleFailureKind, SimReply as FakeReply } from '../../src/sandbox/google/google-sim-errors';
