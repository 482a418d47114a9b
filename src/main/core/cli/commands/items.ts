import { JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/** `stint items [--json]`: the sidebar's cached items, as the sidebar lists them (no network). */
export async function items(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { ...JSON_FLAG, status: { type: 'string' }, search: { type: 'string' }, assigned: { type: 'string' } });
  const list = ctx.open().sourceItems.list({
    ...(values.status ? { status: values.status } : {}),
    ...(values.search ? { search: values.search } : {}),
    ...(values.assigned ? { assignedTo: values.assigned } : {}),
  });
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
  return EXIT.ok;
}
