import { isStintError } from '../../../../common/errors';
import type { HubspotAccountView } from '../../auth/hubspotAccounts';
import { ACCOUNT_OPTION, JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, NeedsSignInError, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

const MAX_LOOKBACK = 1440;
const LOOKBACK_USAGE = 'stint hubspot lookback [MINUTES] [--account OWNER_ID] [--json]';
const START_USAGE = 'stint hubspot start-date [YYYY-MM-DD|default] [--account OWNER_ID] [--json]';
const SUBCOMMANDS = `${LOOKBACK_USAGE} | ${START_USAGE}`;

/** `stint hubspot …`: settings of the HubSpot accounts (no network, no keychain). */
export async function hubspot(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'lookback') return lookback(ctx, io, rest);
  if (sub === 'start-date') return startDate(ctx, io, rest);
  throw new UsageError(sub ? `Unknown hubspot command "${sub}"; use: ${SUBCOMMANDS}` : `Missing hubspot command; use: ${SUBCOMMANDS}`);
}

/**
 * `stint hubspot lookback` shows each account's lookback window; `stint hubspot lookback 30`
 * sets it: the minutes re-read before the last sync on every run, for tasks HubSpot's search
 * returns late. Takes effect on the next sync, also in a running app.
 */
async function lookback(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(args, { ...JSON_FLAG, ...ACCOUNT_OPTION }, 1);
  const minutes = positionals[0] === undefined ? undefined : parseMinutes(positionals[0]);
  const hubspot = ctx.open().hubspot;
  let shown: HubspotAccountView[];
  if (minutes === undefined) {
    shown = values.account ? [pickAccount(hubspot.list(), values.account)] : hubspot.list();
    if (!shown.length) throw notSignedIn();
  } else {
    shown = [hubspot.setLookbackMinutes(pickAccount(hubspot.list(), values.account).id, minutes)];
  }
  if (values.json) {
    const rows = shown.map((a) => ({ accountId: a.id, ownerId: a.ownerId, portalId: a.portalId, lookbackMinutes: a.lookbackMinutes }));
    io.stdout(`${JSON.stringify(minutes === undefined ? rows : rows[0])}\n`);
    return EXIT.ok;
  }
  const verb = minutes === undefined ? 'is' : 'is now';
  for (const a of shown) io.stdout(`HubSpot lookback window for ${a.name} (owner ${a.ownerId}, portal ${a.portalId}) ${verb} ${plural(a.lookbackMinutes)}.\n`);
  return EXIT.ok;
}

/**
 * `stint hubspot start-date` shows the first day whose task changes are read; with a day (or
 * `default`, HubSpot's epoch) it sets it, and the next sync reads again from that day.
 */
async function startDate(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(args, { ...JSON_FLAG, ...ACCOUNT_OPTION }, 1);
  const given = positionals[0];
  if (given !== undefined && given !== 'default' && !/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new UsageError(`Give the start date as YYYY-MM-DD or "default" (got "${given}")`);
  const hubspot = ctx.open().hubspot;
  let shown: HubspotAccountView[];
  if (given === undefined) {
    shown = values.account ? [pickAccount(hubspot.list(), values.account)] : hubspot.list();
    if (!shown.length) throw notSignedIn();
  } else {
    const account = pickAccount(hubspot.list(), values.account);
    try {
      shown = [hubspot.setStartDate(account.id, given === 'default' ? null : given)];
    } catch (e) {
      if (isStintError(e) && e.code === 'invalid_argument') throw new UsageError(e.message);
      throw e;
    }
  }
  if (values.json) {
    const rows = shown.map((a) => ({ accountId: a.id, ownerId: a.ownerId, portalId: a.portalId, startDate: a.startDate }));
    io.stdout(`${JSON.stringify(given === undefined ? rows : rows[0])}\n`);
    return EXIT.ok;
  }
  const verb = given === undefined ? 'reads' : 'now reads';
  for (const a of shown) io.stdout(`HubSpot sync for ${a.name} (owner ${a.ownerId}, portal ${a.portalId}) ${verb} tasks changed since ${a.startDate ?? 'the start (2006-06-01)'}.\n`);
  return EXIT.ok;
}

function parseMinutes(text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= MAX_LOOKBACK)) throw new UsageError(`The lookback window is a whole number of minutes from 0 to ${MAX_LOOKBACK} (got "${text}")`);
  return n;
}

/** The only HubSpot account, or the one `--account` names (owner id or account id). */
function pickAccount(accounts: HubspotAccountView[], selector: string | undefined): HubspotAccountView {
  const names = accounts.map((a) => a.ownerId).join(', ') || 'none';
  if (selector) {
    const found = accounts.filter((a) => a.id === selector || a.ownerId === selector);
    if (found.length === 1) return found[0]!;
    if (!found.length) throw new UsageError(`No HubSpot account ${selector}; signed in: ${names}.`);
    throw new UsageError(`Owner ${selector} is signed in to several HubSpot portals: give the account id (${found.map((a) => a.id).join(', ')}).`);
  }
  if (!accounts.length) throw notSignedIn();
  if (accounts.length > 1) throw new UsageError(`Several HubSpot accounts are signed in (owners ${names}): choose one with --account.`);
  return accounts[0]!;
}

function notSignedIn(): NeedsSignInError {
  return new NeedsSignInError('Not signed in to HubSpot: run `stint auth hubspot-token` with a private app token on stdin.');
}

function plural(minutes: number): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
