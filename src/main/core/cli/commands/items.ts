import { JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

const PROVIDERS = ['hubstaff', 'hubspot'] as const;

/**
 * `stint items [--json] [--provider P] [--status S] [--search TEXT] [--assigned ID]
 * [--limit N] [--offset N]`: the sidebar's cached items, in its order (no network). The list is
 * complete unless --limit cuts it; then stderr says which rows these are of how many, and the
 * --offset of the next page. `--json` prints an array of
 * {"provider", "orgId", "externalId", "title", "status", "projectName", "assigneeIds"}.
 */
export async function items(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, {
    ...JSON_FLAG,
    provider: { type: 'string' },
    status: { type: 'string' },
    search: { type: 'string' },
    assigned: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
  });
  const provider = values.provider;
  if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`--provider is one of ${PROVIDERS.join(', ')} (got "${provider}")`);
  const limit = count(values.limit, 'limit', 1, 20_000);
  const offset = count(values.offset, 'offset', 0, 1_000_000_000) ?? 0;
  const query = {
    ...(provider ? { provider: provider as (typeof PROVIDERS)[number] } : {}),
    ...(values.status ? { status: values.status } : {}),
    ...(values.search ? { search: values.search } : {}),
    ...(values.assigned ? { assignedTo: values.assigned } : {}),
  };
  const app = ctx.open();
  const list = app.sourceItems.list({ ...query, ...(limit !== undefined ? { limit } : {}), ...(offset ? { offset } : {}) });
  const total = limit === undefined && !offset ? list.length : app.sourceItems.count(query);
  const rows = list.map((i) => ({
    provider: i.provider,
    orgId: i.orgId,
    externalId: i.externalId,
    title: i.title,
    status: i.status,
    projectName: i.projectName,
    assigneeIds: i.assigneeIds,
  }));
  if (values.json) io.stdout(`${JSON.stringify(rows)}\n`);
  else for (const r of rows) io.stdout(`${r.externalId.padStart(9)}  ${r.status.padEnd(9)}  ${r.title}${r.projectName ? `  — ${r.projectName}` : ''}\n`);

  if (rows.length < total) {
    const next = offset + rows.length < total ? `; the next page: --offset ${offset + rows.length}` : '';
    io.stderr(`stint: items ${rows.length ? `${offset + 1}–${offset + rows.length}` : 'none'} of ${total}${next}.\n`);
  } else if (!rows.length && !values.json) {
    const filtered = Object.keys(query).length > 0;
    io.stderr(
      filtered
        ? 'stint: no cached item matches.\n'
        : app.sync.status().accounts.length
          ? 'stint: no items cached yet; run `stint sync --once`.\n'
          : 'stint: no items: sign in with `stint auth pat` (Hubstaff) or `stint auth hubspot-token` (HubSpot), then `stint sync --once`.\n',
    );
  }
  return EXIT.ok;
}

function count(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  return n;
}
