import { ACCOUNT_OPTION, JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

/** `stint auth pat`: the token comes on stdin, so it never shows in `ps` or shell history. */
export async function auth(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const [sub, ...rest] = args;
  if (sub !== 'pat') throw new UsageError(sub ? `Unknown auth command "${sub}"; use: stint auth pat` : 'Missing auth command; use: stint auth pat');
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
