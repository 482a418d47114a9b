import { PROVIDER_INFO } from '../../../../common/providers';
import { describeSyncStatus } from '../../../../common/sync-status-text';
import { JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/**
 * `stint status [--json]` from the data directory alone (no network):
 * {"accounts": [{"provider", "userId", "status", "organizations": [ids], "lastSyncedAt",
 *   "streams": [{"orgId", "stream", "lastSuccessAt", "lastError"}],
 *   "budget": {"remaining", "perHour"} | null}]}
 * `budget` is what is left this hour of the account's Hubstaff request budget, which the app
 * and the CLI share (null for a provider without one).
 */
export async function status(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, JSON_FLAG);
  const app = ctx.open();
  const s = app.sync.status();
  const accounts = s.accounts.map((a) => ({
    provider: a.provider,
    userId: a.userId,
    status: a.status,
    organizations: a.organizations.map((o) => Number(o.id)),
    lastSyncedAt: a.lastSyncedAt,
    streams: s.streams
      .filter((x) => x.accountId === a.accountId)
      .map((x) => ({ orgId: Number(x.orgId), stream: x.stream, lastSuccessAt: x.lastSuccessAt, lastError: x.lastError })),
    budget: app.sync.requestBudget(a.accountId),
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ accounts })}\n`);
    return EXIT.ok;
  }
  io.stdout(`${describeSyncStatus(s, app.clock.now())}\n`);
  if (!s.accounts.length) io.stderr('stint: no accounts: sign in with `stint auth pat` (Hubstaff) or `stint auth hubspot-token` (HubSpot).\n');
  for (const a of s.accounts) {
    io.stdout(`${a.name ?? a.userId} (${PROVIDER_INFO[a.provider].userNoun} ${a.userId}): ${a.status}${a.lastSyncedAt ? `, last synced ${a.lastSyncedAt}` : ''}\n`);
    const budget = app.sync.requestBudget(a.accountId);
    if (budget) io.stdout(`  request budget: ${budget.remaining} of ${budget.perHour} left this hour\n`);
    if (a.lastError) io.stdout(`  ${a.lastError.message}${a.lastError.correlationId ? ` (correlation id ${a.lastError.correlationId})` : ''}\n`);
    for (const x of s.streams.filter((st) => st.accountId === a.accountId)) {
      const state = x.lastError
        ? `error: ${x.lastError.message}${x.lastError.correlationId ? ` (correlation id ${x.lastError.correlationId})` : ''}`
        : x.progress
          ? `backfill ${x.progress.done}/${x.progress.total} slices`
          : x.lastSuccessAt
            ? `ok ${x.lastSuccessAt}`
            : 'not synced yet';
      io.stdout(`  ${x.orgId} ${x.stream.padEnd(17)} ${state}\n`);
    }
  }
  return EXIT.ok;
}
