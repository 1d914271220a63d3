export { customerRecord, emptyObjects, entitiesOf, FIELD_TYPES, SELECTABLE, simDateTime as fakeDateTime } from '../../src/sandbox/google/google-sim-objects';
export type {
  FieldType,
  Scalar,
  SimCustomerObjects as FakeCustomerObjects,
  SimEntity as FakeEntity,
  SimGoogleAd as FakeGoogleAd,
  SimGoogleAdGroup as FakeGoogleAdGroup,
  SimGoogleAsset as FakeGoogleAsset,
  SimGoogleAssetLink as FakeGoogleAssetLink,
  SimGoogleCampaign as FakeGoogleCampaign,
  SimRecord as FakeRecord,
  SimValue as FakeValue,
} from '../../src/sandbox/google/google-sim-objects';
