import { ACCOUNT_OPTION, JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/** `stint orgs [--json]` lists (network); `stint orgs select 12345,67890` chooses. */
export async function orgs(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  if (args[0] === 'select') return select(ctx, io, args.slice(1));
  const { values } = parse(args, { ...JSON_FLAG, ...ACCOUNT_OPTION });
  const account = ctx.account(values.account);
  await ctx.requireKeychain();
  const list = await ctx.open().accounts.listOrganizations(account.id);
  const selected = new Set(account.organizations.map((o) => o.id));
  const rows = list.map((o) => ({ id: o.id, name: o.name, status: o.status, selected: selected.has(o.id) }));
  if (values.json) io.stdout(`${JSON.stringify(rows)}\n`);
  else if (!rows.length) io.stdout('This account belongs to no organization.\n');
  else for (const r of rows) io.stdout(`${r.selected ? '*' : ' '} ${r.id}  ${r.name}${r.status && r.status !== 'active' ? ` (${r.status})` : ''}\n`);
  return EXIT.ok;
}

async function select(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(args, { ...JSON_FLAG, ...ACCOUNT_OPTION }, 100);
  if (!positionals.length) throw new UsageError('Name the organizations: stint orgs select 12345,67890');
  const account = ctx.account(values.account);
  // Accounts validates the text (IDs, commas, duplicates) and keeps the old selection on error.
  const updated = ctx.open().accounts.selectOrganizations(account.id, positionals.join(','));
  const ids = updated.organizations.map((o) => o.id);
  if (values.json) io.stdout(`${JSON.stringify({ organizations: ids })}\n`);
  else io.stdout(`Selected ${ids.length === 1 ? 'organization' : 'organizations'} ${ids.join(', ')}.\n`);
  return EXIT.ok;
}
