import { Logger } from '@nestjs/common';
import { PlatformError } from '../../src/platforms/platform-error';
import { MetaCampaignLauncher } from '../../src/platforms/meta/launch/meta-campaign-launcher';
import type { MetaLaunchPlan } from '../../src/platforms/meta/launch/meta-launch-plan.mapper';
import type { GraphParams, MetaGraphClient } from '../../src/platforms/meta/meta-graph.client';

type Call = { method: 'POST' | 'DELETE'; path: string; params: GraphParams };

/** A stand-in Graph transport: answers ids in sequence, fails where told. */
function graphStub(options: { failPost?: string; failDelete?: string[]; noIdFor?: string } = {}) {
  const calls: Call[] = [];
  let next = 500;
  const stub = {
    post: jest.fn(async (path: string, params: GraphParams) => {
      calls.push({ method: 'POST', path, params });
      if (options.failPost && path.endsWith(options.failPost)) throw PlatformError.badRequest('Meta said no', { platform: 'meta', platformCode: 100 });
      if (options.noIdFor && path.endsWith(options.noIdFor)) return {};
      if (/^\/\d+$/.test(path) || params.execution_options) return { success: true };
      return { id: String(++next) };
    }),
    delete: jest.fn(async (path: string, params: GraphParams) => {
      calls.push({ method: 'DELETE', path, params });
      if (options.failDelete?.includes(path)) throw PlatformError.failed('delete refused', { platform: 'meta' });
      return { success: true };
    }),
  };
  return { calls, graph: stub as unknown as MetaGraphClient };
}

const plan = (activate = false): MetaLaunchPlan => ({
  kind: 'traffic',
  campaign: { name: 'C', objective: 'OUTCOME_TRAFFIC' },
  adset: { name: 'S', daily_budget: 100 },
  creative: { name: 'K', object_story_spec: { page_id: '9' } },
  ad: { name: 'A', status: 'ACTIVE' },
  activate,
});

describe('MetaCampaignLauncher', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('creates campaign → ad set → creative → ad, each with the id of the one before, then commits', async () => {
    const { calls, graph } = graphStub();
    const commit = jest.fn(async () => undefined);
    const ids = await new MetaCampaignLauncher(graph).launch('tok', '3001', plan(), commit);
    expect(ids).toEqual({ campaignId: '501', adSetId: '502', creativeId: '503', adId: '504' });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /act_3001/campaigns', 'POST /act_3001/adsets', 'POST /act_3001/adcreatives', 'POST /act_3001/ads']);
    expect(calls[1].params).toMatchObject({ campaign_id: '501', daily_budget: 100 });
    expect(calls[3].params).toMatchObject({ adset_id: '502', creative: { creative_id: '503' } });
    expect(commit).toHaveBeenCalledWith(ids);
  });

  it('switches the campaign on after the ad when the plan says ACTIVE', async () => {
    const { calls, graph } = graphStub();
    await new MetaCampaignLauncher(graph).launch('tok', 'act_3001', plan(true));
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/501', params: { status: 'ACTIVE' } });
  });

  it.each([
    ['the ad set', '/adsets', ['/501']],
    ['the creative', '/adcreatives', ['/502', '/501']],
    ['the ad', '/ads', ['/503', '/502', '/501']],
  ])('when %s fails, deletes what exists in reverse order and throws the platform error', async (_name, failing, deletes) => {
    const { calls, graph } = graphStub({ failPost: failing });
    const commit = jest.fn(async () => undefined);
    await expect(new MetaCampaignLauncher(graph).launch('tok', '3001', plan(), commit)).rejects.toMatchObject({ message: 'Meta said no' });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(deletes);
    expect(commit).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
  });

  it('rolls back all four when activation or the local commit fails', async () => {
    const activation = graphStub({ failPost: '/501' });
    await expect(new MetaCampaignLauncher(activation.graph).launch('tok', '3001', plan(true))).rejects.toBeInstanceOf(PlatformError);
    expect(activation.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/504', '/503', '/502', '/501']);

    const stored = graphStub();
    const commitError = new Error('insert failed');
    await expect(new MetaCampaignLauncher(stored.graph).launch('tok', '3001', plan(), async () => Promise.reject(commitError))).rejects.toBe(commitError);
    expect(stored.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/504', '/503', '/502', '/501']);
  });

  it('a failed delete is logged with the object id, the rest still deleted, the original error kept', async () => {
    const { calls, graph } = graphStub({ failPost: '/ads', failDelete: ['/502'] });
    await expect(new MetaCampaignLauncher(graph).launch('tok', '3001', plan())).rejects.toMatchObject({ message: 'Meta said no' });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/503', '/502', '/501']);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0][0]).toMatchObject({ object: 'adset', objectId: '502', accountId: '3001', launchError: 'Meta said no' });
  });

  it('an answer without id is a platform error, and what exists is deleted', async () => {
    const { calls, graph } = graphStub({ noIdFor: '/adcreatives' });
    await expect(new MetaCampaignLauncher(graph).launch('tok', '3001', plan())).rejects.toMatchObject({ code: 'PLATFORM_ERROR' });
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/502', '/501']);
  });

  it('validate-only sends the campaign with execution_options and creates nothing', async () => {
    const { calls, graph } = graphStub();
    const result = await new MetaCampaignLauncher(graph).validate('tok', '3001', plan());
    expect(calls).toEqual([{ method: 'POST', path: '/act_3001/campaigns', params: { name: 'C', objective: 'OUTCOME_TRAFFIC', execution_options: ['validate_only'] } }]);
    expect(result).toEqual({
      valid: true,
      checked: [
        { object: 'campaign', checkedBy: 'meta' },
        { object: 'adset', checkedBy: 'local' },
        { object: 'creative', checkedBy: 'local' },
        { object: 'ad', checkedBy: 'local' },
      ],
    });
  });
});
