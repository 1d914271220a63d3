import { isUuid } from '../common/validation/uuid';

/** How a client may name an ad account: our id, or the platform's (`act_123`, `123`, `123-456-7890`). */
export type AdAccountRef = { kind: 'id'; id: string } | { kind: 'platform'; accountId: string };

export function parseAdAccountRef(value: string | undefined): AdAccountRef | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (isUuid(trimmed)) return { kind: 'id', id: trimmed.toLowerCase() };
  const meta = /^act_(\d{1,30})$/.exec(trimmed);
  if (meta) return { kind: 'platform', accountId: meta[1] };
  if (/^\d{1,30}$/.test(trimmed)) return { kind: 'platform', accountId: trimmed };
  if (/^\d{3}-\d{3}-\d{4}$/.test(trimmed)) return { kind: 'platform', accountId: trimmed.replace(/-/g, '') };
  return undefined;
}
