import { accounts } from './commands/accounts';
import { auth } from './commands/auth';
import { hubspot } from './commands/hubspot';
import { items } from './commands/items';
import { orgs } from './commands/orgs';
import { status } from './commands/status';
import { sync } from './commands/sync';
import { exportWeek, week } from './commands/week';
import { CliContext } from './context';
import { describeFailure, EXIT, exitCodeFor, UsageError, type ExitCode } from './exitCodes';
import type { CliDeps, CliIo } from './io';
import { USAGE } from './usage';

type Command = (ctx: CliContext, io: CliIo, args: string[]) => Promise<ExitCode>;

const COMMANDS: Record<string, Command> = { auth, accounts, orgs, sync, status, items, week, export: exportWeek, hubspot };

/** Runs one `stint` command line; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const ctx = new CliContext(io, deps);
  try {
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${name}"; see stint --help`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    return await command(ctx, io, rest);
  } catch (e) {
    io.stderr(`${describeFailure(e)}\n`);
    return exitCodeFor(e);
  } finally {
    // The command's outcome stands; a database that fails to close is still said.
    await ctx.close().catch((e: unknown) => io.stderr(`${describeFailure(e)}\n`));
  }
}
