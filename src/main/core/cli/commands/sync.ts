import type { AccountStatus } from '../../../../common/ipc/sync-schemas';
import { describeSyncStatus } from '../../../../common/sync-status-text';
import { PROVIDERS } from '../../providers/registry';
import type { SyncReport } from '../../sync/engine';
import { parse, JSON_FLAG } from '../args';
import type { CliContext } from '../context';
import { EXIT, exitCodeForCode, failureLine, NeedsSignInError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/**
 * `stint sync --once [--full] [--json]`: one sync of every account (Hubstaff and HubSpot), to
 * the end of any backfill.
 * JSON: {"status", "requests", "records": {stream: n}, "skipped": {stream: n}}. Each failure is
 * one line on stderr. Exit 3 when an account needs reconnecting, 4 when offline, 1 on errors.
 * Without --once it keeps syncing on the app's schedule until Ctrl-C.
 */
export async function sync(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { ...JSON_FLAG, once: { type: 'boolean' }, full: { type: 'boolean' } });
  const app = ctx.open();
  if (!app.sync.status().accounts.length) throw new NeedsSignInError('Not signed in to Hubstaff: run `stint auth pat` with a personal access token on stdin.');
  await ctx.requireKeychain();
  if (!values.once) return follow(ctx, io, Boolean(values.json));

  const report = await untilCaughtUp(ctx, Boolean(values.full));
  if (values.json) {
    io.stdout(`${JSON.stringify({ status: report.status, requests: report.requests, records: report.records, skipped: report.skipped })}\n`);
  } else {
    const total = Object.values(report.records).reduce((a, b) => a + b, 0);
    const bad = Object.values(report.skipped).reduce((a, b) => a + b, 0);
    io.stdout(`${describeSyncStatus(app.sync.status(), app.clock.now())}: ${report.requests} requests, ${total} records${bad ? `, ${bad} malformed records skipped` : ''}.\n`);
  }
  return finish(io, report, app.sync.status().accounts);
}

/**
 * The app's runs yield a long backfill every few minutes (so the sidebar stays fresh); a
 * one-shot sync keeps going until no backfill is left or a run stops making progress.
 */
async function untilCaughtUp(ctx: CliContext, full: boolean): Promise<SyncReport> {
  const app = ctx.open();
  const pending = (): number => app.sync.status().streams.filter((s) => s.progress !== null).length;
  let total = await app.sync.syncNow({ full });
  for (let i = 0; i < 10_000 && pending() > 0; i++) {
    const next = await app.sync.syncNow();
    total = merge(total, next);
    if (next.errors.length || Object.values(next.outcomes).some((o) => o !== 'ok') || next.requests === 0) break;
  }
  return total;
}

function merge(a: SyncReport, b: SyncReport): SyncReport {
  const add = (x: Record<string, number>, y: Record<string, number>) => Object.fromEntries(Object.keys(x).map((k) => [k, x[k]! + (y[k] ?? 0)])) as SyncReport['records'];
  return { status: b.status, requests: a.requests + b.requests, records: add(a.records, b.records), skipped: add(a.skipped, b.skipped), errors: [...a.errors, ...b.errors], outcomes: { ...a.outcomes, ...b.outcomes } };
}

function finish(io: CliIo, report: SyncReport, accounts: readonly AccountStatus[]): ExitCode {
  // The most telling code wins: reconnect, then offline, then error.
  const severity: readonly ExitCode[] = [EXIT.ok, EXIT.error, EXIT.offline, EXIT.reconnect];
  let code: ExitCode = EXIT.ok;
  const worse = (c: ExitCode): void => {
    if (severity.indexOf(c) > severity.indexOf(code)) code = c;
  };
  for (const a of accounts) {
    if (a.status === 'needs_reconnect') {
      const p = PROVIDERS[a.provider];
      io.stderr(`${failureLine(`${a.accountId}: ${a.statusMessage ?? `${p.label} no longer accepts this sign-in`} — run \`${p.cliSignIn}\` again.`)}\n`);
      worse(EXIT.reconnect);
    } else if (!a.organizations.length) {
      io.stderr(`${failureLine(`${a.accountId}: no organizations selected; run \`stint orgs\`, then \`stint orgs select <ids>\`.`)}\n`);
      worse(EXIT.error);
    }
  }
  for (const e of report.errors) {
    // Said above, once per account; any other failure (auth_failed included) is said here.
    if (accounts.some((a) => a.accountId === e.accountId && a.status === 'needs_reconnect')) continue;
    const where = e.orgId !== null ? `organization ${e.orgId}${e.stream ? ` (${e.stream})` : ''}: ` : e.stream ? `${e.stream}: ` : '';
    io.stderr(`${failureLine(`${where}${e.error.message}`, e.error.correlationId)}\n`);
    worse(exitCodeForCode(e.error.code));
  }
  return code;
}

/** `stint sync` without --once: the scheduler runs until Ctrl-C; a line per change of state. */
async function follow(ctx: CliContext, io: CliIo, json: boolean): Promise<ExitCode> {
  const app = ctx.open();
  let last = '';
  const unsubscribe = app.sync.onStatus((s) => {
    const line = json ? JSON.stringify({ state: s.state, lastSyncedAt: s.lastSyncedAt }) : describeSyncStatus(s, app.clock.now());
    if (line !== last) io.stdout(`${line}\n`);
    last = line;
  });
  await new Promise<void>((resolve) => {
    const off = io.onInterrupt(() => {
      off();
      resolve();
    });
    app.sync.start();
  });
  unsubscribe();
  return EXIT.ok;
}
