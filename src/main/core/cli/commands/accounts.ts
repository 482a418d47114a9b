import { providerLabel } from '../../../../common/providers';
import { JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/**
 * `stint accounts [--json]`: every signed-in account, Hubstaff and HubSpot, from the data
 * directory alone (no network):
 * {"accounts": [{"id", "provider", "name", "status", "reason"}]} — `reason` says why an account
 * is not connected (its status message), null when there is nothing to say.
 */
export async function accounts(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, JSON_FLAG);
  const list = ctx.allAccounts().map((a) => ({ id: a.id, provider: a.provider, name: a.name, status: a.status, reason: a.statusMessage }));
  if (values.json) {
    io.stdout(`${JSON.stringify({ accounts: list })}\n`);
    return EXIT.ok;
  }
  if (!list.length) {
    io.stderr('stint: no accounts: sign in with `stint auth pat` (Hubstaff) or `stint auth hubspot-token` (HubSpot).\n');
    return EXIT.ok;
  }
  for (const a of list) {
    io.stdout(`${a.id}  ${providerLabel(a.provider)}  ${a.name || '(no name)'}  ${a.status}${a.reason ? ` — ${a.reason}` : ''}\n`);
  }
  return EXIT.ok;
}
