import { CreateTenantsAndUsers1763900000000 } from './1763900000000-CreateTenantsAndUsers';
import { CreateWorkspacesAndTeams1763900100000 } from './1763900100000-CreateWorkspacesAndTeams';
import { CreateConnectionsAndAdAccounts1763900200000 } from './1763900200000-CreateConnectionsAndAdAccounts';
import { CreateIdempotencyKeys1763900300000 } from './1763900300000-CreateIdempotencyKeys';
import { CreateMetaCampaignLaunches1763900400000 } from './1763900400000-CreateMetaCampaignLaunches';
import { CreateImportsAndMetaCopy1763900500000 } from './1763900500000-CreateImportsAndMetaCopy';
import { CreateMetaCampaignInsights1763900600000 } from './1763900600000-CreateMetaCampaignInsights';
import { CreateGoogleCopy1763900700000 } from './1763900700000-CreateGoogleCopy';
import { CreateUsageCounters1763900800000 } from './1763900800000-CreateUsageCounters';
import { CreateAuditEvents1763900900000 } from './1763900900000-CreateAuditEvents';
import { CreateWebhooks1763901000000 } from './1763901000000-CreateWebhooks';
import { AddMetaCopyPageIndexes1763901150000 } from './1763901150000-AddMetaCopyPageIndexes';
import { AddTeamChangeNotifications1796481407074 } from './1796481407074-AddTeamChangeNotifications';
import { DropMetaInsightsForeignKeys1796481500000 } from './1796481500000-DropMetaInsightsForeignKeys';
import { MetaInsightsKeysInCCollation1796481600000 } from './1796481600000-MetaInsightsKeysInCCollation';
import { AddTenantEnvironment1796500000000 } from './1796500000000-AddTenantEnvironment';
import { MetaInsightSeries1796510000000 } from './1796510000000-MetaInsightSeries';
import { MetaInsightSeriesTotals1796520000000 } from './1796520000000-MetaInsightSeriesTotals';

/** Every migration, oldest first. A new migration file is added here too. */
export const migrations = [
  CreateTenantsAndUsers1763900000000,
  CreateWorkspacesAndTeams1763900100000,
  CreateConnectionsAndAdAccounts1763900200000,
  CreateIdempotencyKeys1763900300000,
  CreateMetaCampaignLaunches1763900400000,
  CreateImportsAndMetaCopy1763900500000,
  CreateMetaCampaignInsights1763900600000,
  CreateGoogleCopy1763900700000,
  CreateUsageCounters1763900800000,
  CreateAuditEvents1763900900000,
  CreateWebhooks1763901000000,
  AddMetaCopyPageIndexes1763901150000,
  AddTeamChangeNotifications1796481407074,
  DropMetaInsightsForeignKeys1796481500000,
  MetaInsightsKeysInCCollation1796481600000,
  AddTenantEnvironment1796500000000,
  MetaInsightSeries1796510000000,
  MetaInsightSeriesTotals1796520000000,
];
