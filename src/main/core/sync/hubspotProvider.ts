import type { HubspotAccounts } from '../auth/hubspotAccounts';
import type { Db } from '../db/database';
import { HUBSPOT_PROVIDER } from '../providers/hubspot/adapter';
import { runHubspotAccount } from './providerSync';
import type { ProviderAccountEvent, ProviderRun, ProviderRunContext, StatusSource, SyncAccount, SyncProvider } from './syncProvider';
import { emptyStreamCounts } from './syncProvider';

// HubSpot as the sync engine sees it: each account's task stream is one search per poll, well
// inside HubSpot's own limits (its client keeps them), so it draws nothing from Hubstaff's
// hourly budget.

export class HubspotSyncProvider implements SyncProvider {
  readonly descriptor = HUBSPOT_PROVIDER;

  constructor(private readonly opts: { db: Db; accounts: HubspotAccounts }) {}

  accounts(): SyncAccount[] {
    return this.opts.accounts.list().map((a) => ({ id: a.id, status: a.status, scope: a.portalId }));
  }

  onAccountEvent(listener: (e: ProviderAccountEvent) => void): () => void {
    return this.opts.accounts.onChange((a) => listener({ type: 'changed', accountId: a.id }));
  }

  requestsPerPoll(): number {
    return 0;
  }

  async run(accountId: string, ctx: ProviderRunContext): Promise<ProviderRun> {
    const account = this.opts.accounts.list().find((a) => a.id === accountId);
    if (!account) return { accountId, outcome: 'ok', requests: 0, records: {}, skipped: {}, errors: [] };
    const report = await runHubspotAccount(this.opts.accounts, this.opts.db, account, { now: ctx.now, signal: ctx.signal, full: ctx.full });
    const records = emptyStreamCounts(this.descriptor);
    const skipped = emptyStreamCounts(this.descriptor);
    const errors: ProviderRun['errors'] = [];
    for (const s of report.streams) {
      records[s.stream] = (records[s.stream] ?? 0) + s.written;
      skipped[s.stream] = (skipped[s.stream] ?? 0) + s.skipped;
      if (s.warning) errors.push({ orgId: Number(account.portalId), stream: s.stream, error: s.warning });
    }
    if (report.streams.some((s) => s.written > 0 || s.removed > 0)) ctx.changed('sources');
    return { accountId, outcome: report.outcome, requests: report.requests, records, skipped, errors };
  }

  statusSources(): StatusSource[] {
    return this.opts.accounts.list().map((a) => ({
      account: { accountId: a.id, provider: a.provider, userId: a.ownerId, name: a.name || null, email: a.email, status: a.status, statusMessage: a.statusMessage, sessionOnly: false },
      organizations: a.portalId ? [{ id: a.portalId, name: a.portalName }] : [],
      streams: this.descriptor.streams,
      progress: () => null,
    }));
  }
}
