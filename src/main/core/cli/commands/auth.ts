import { ACCOUNT_OPTION, JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';
import { runHubspotAccount } from '../../sync/providerSync';

/** `stint auth pat`: the token comes on stdin, so it never shows in `ps` or shell history. */
export async function auth(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub === 'hubspot-token') return hubspotToken(ctx, io, rest);
  if (sub === 'sign-out') return signOut(ctx, io, rest);
  if (sub !== 'pat') throw new UsageError(sub ? `Unknown auth command "${sub}"; use: stint auth pat | hubspot-token | sign-out` : 'Missing auth command; use: stint auth pat | hubspot-token | sign-out');
  const { values } = parse(rest, { ...JSON_FLAG, ...ACCOUNT_OPTION });
  const token = (await io.readStdin()).trim();
  if (!token) throw new UsageError('Pipe the personal access token on stdin, e.g. stint auth pat < token.txt');
  await ctx.requireKeychain();
  const account = await ctx.open().accounts.signInWithPersonalToken(token);
  if (values.json) {
    io.stdout(`${JSON.stringify({ provider: account.provider, userId: account.userId, name: account.name, email: account.email, organizations: account.organizations.map((o) => o.id) })}\n`);
  } else {
    io.stdout(`Signed in to Hubstaff as ${account.name || 'user'} (user ${account.userId}).\n`);
    if (!account.organizations.length) io.stdout('Next: stint orgs, then stint orgs select <ids>.\n');
  }
  return EXIT.ok;
}

/**
 * `stint auth hubspot-token [--email you@x.com] [--json]`: a HubSpot private app token on stdin.
 * The owner is the person with that email, else the private app's creator. The first sync of
 * that owner's tasks follows, so `stint items` shows them at once.
 */
async function hubspotToken(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { ...JSON_FLAG, email: { type: 'string' } });
  const token = (await io.readStdin()).trim();
  if (!token) throw new UsageError('Pipe the HubSpot private app token on stdin, e.g. stint auth hubspot-token < token.txt');
  await ctx.requireKeychain();
  const app = ctx.open();
  const account = await app.hubspot.signInWithPrivateAppToken(token, { email: values.email ?? null });
  const run = await runHubspotAccount(app.hubspot, app.db, account);
  const items = run.streams.reduce((n, s) => n + s.written, 0);
  const warnings = run.streams.flatMap((s) => (s.warning ? [s.warning.message] : []));
  if (values.json) {
    io.stdout(`${JSON.stringify({ provider: account.provider, ownerId: account.ownerId, name: account.name, email: account.email, portalId: account.portalId, sync: run.outcome, items, warnings })}\n`);
  } else {
    io.stdout(`Signed in to HubSpot portal ${account.portalId} as ${account.name} (owner ${account.ownerId}); ${items} tasks synced.\n`);
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
  }
  return run.outcome === 'ok' ? EXIT.ok : EXIT.error;
}

/**
 * `stint auth sign-out [--account ID] [--purge] [--json]`: the account's tokens leave the
 * keychain. Without --purge the account stays (needs reconnecting) with its cached data and
 * settings; with it the account and its cached data go too. With one account --account may be
 * left out. JSON: {"id", "provider", "purged"}.
 */
async function signOut(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { ...JSON_FLAG, ...ACCOUNT_OPTION, purge: { type: 'boolean' } });
  const account = ctx.anyAccount(values.account);
  await ctx.requireKeychain();
  const app = ctx.open();
  const purgeCache = values.purge === true;
  if (account.provider === 'hubspot') await app.hubspot.signOut(account.id, { purgeCache });
  else await app.accounts.signOut(account.id, { purgeCache });
  if (values.json) {
    io.stdout(`${JSON.stringify({ id: account.id, provider: account.provider, purged: purgeCache })}\n`);
  } else {
    io.stdout(
      purgeCache
        ? `Signed out of ${account.id}; its cached data is deleted.\n`
        : `Signed out of ${account.id}; its cached data stays until you sign in again (or run stint auth sign-out --purge).\n`,
    );
  }
  return EXIT.ok;
}
