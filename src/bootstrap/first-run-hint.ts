import type { AppConfig } from '../config/app-config';

/**
 * What `npm start` prints when this server cannot reach a real platform yet (no Meta app, no Google client): how to
 * try everything in sandbox instead. Pure; undefined when both platforms are configured.
 */
export function firstRunHint(config: AppConfig): string | undefined {
  const missing = [config.meta.app ? undefined : 'Meta (META_APP_ID, META_APP_SECRET)', config.google.client ? undefined : 'Google (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET)'].filter(
    (name): name is string => name !== undefined,
  );
  if (missing.length === 0) return undefined;
  return [
    `No platform credentials for ${missing.join(' and ')}: live tenants cannot connect ${missing.length === 2 ? 'either platform' : 'it'} yet.`,
    'Try everything now with a sandbox tenant, whose Meta and Google are simulated by this server:',
    '  npm run tenant:create -- --name "My sandbox" --sandbox',
    `then follow "Try it in sandbox" in README.md (API at ${config.publicUrl}/api/v1).`,
  ].join('\n');
}
