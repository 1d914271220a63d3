export interface SeededTeam {
  teamId: string;
  apiKey: string;
  memberAccessToken: string;
}

interface Envelope<T> {
  success: boolean;
  data: T;
}

const MEMBER_COUNT = 20;

async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  expectedStatus: number,
  headers: Record<string, string>,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expectedStatus) {
    throw new Error(`${method} ${path} answered ${response.status}, expected ${expectedStatus}: ${text}`);
  }
  const envelope = JSON.parse(text) as Envelope<T>;
  if (!envelope.success) throw new Error(`${method} ${path} answered success=false: ${text}`);
  return envelope.data;
}

async function createTenantApiKey(baseUrl: string, adminToken: string): Promise<string> {
  const tenant = await call<{ apiKey: string }>(baseUrl, 'POST', '/api/v1/admin/tenants', 201, { authorization: `Bearer ${adminToken}` }, { name: 'Bench' });
  return tenant.apiKey;
}

async function accessTokenFor(baseUrl: string, apiKey: string, externalUserId: string): Promise<string> {
  const pair = await call<{ accessToken: string }>(baseUrl, 'POST', '/api/v1/auth/token', 201, { 'x-api-key': apiKey }, { externalUserId });
  return pair.accessToken;
}

async function createWorkspaceWithDefaultTeam(baseUrl: string, apiKey: string, ownerToken: string): Promise<string> {
  const headers = { 'x-api-key': apiKey, authorization: `Bearer ${ownerToken}` };
  await call(baseUrl, 'POST', '/api/v1/workspace', 201, headers, { enterpriseId: 'bench', workspaceName: 'Bench' });
  const teams = await call<{ id: string }[]>(baseUrl, 'POST', '/api/v1/teams/get-all', 200, headers, { enterpriseId: 'bench' });
  if (!teams[0]?.id) throw new Error('The new workspace has no default team');
  return teams[0].id;
}

async function assignMembers(baseUrl: string, apiKey: string, ownerToken: string, teamId: string): Promise<void> {
  const members = Array.from({ length: MEMBER_COUNT }, (_, index) => ({ externalUserId: `member-${index + 1}`, role: 'MEMBER' }));
  const headers = { 'x-api-key': apiKey, authorization: `Bearer ${ownerToken}` };
  const result = await call<{ failed: unknown[] }>(baseUrl, 'POST', `/api/v1/teams/${teamId}/members`, 200, headers, { members });
  if (result.failed.length > 0) throw new Error(`Some members were not assigned: ${JSON.stringify(result.failed)}`);
}

/** A tenant, a workspace whose default team has an owner (ADMIN) and 20 members, and one member's access token. */
export async function seedThroughApi(baseUrl: string, adminToken: string): Promise<SeededTeam> {
  const apiKey = await createTenantApiKey(baseUrl, adminToken);
  const ownerToken = await accessTokenFor(baseUrl, apiKey, 'owner');
  const teamId = await createWorkspaceWithDefaultTeam(baseUrl, apiKey, ownerToken);
  await assignMembers(baseUrl, apiKey, ownerToken, teamId);
  const memberAccessToken = await accessTokenFor(baseUrl, apiKey, 'member-1');
  return { teamId, apiKey, memberAccessToken };
}
