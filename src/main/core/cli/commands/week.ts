import { localToday } from '../../../../common/dates';
import { buildWeekReport, clock, weekReportCsv } from '../../sync/weekReport';
import { dateOption, JSON_FLAG, parse } from '../args';
import type { CliContext } from '../context';
import { EXIT, UsageError, type ExitCode } from '../exitCodes';
import type { CliIo } from '../io';

function hours(minutes: number): string {
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}`;
}

/** `stint week [--date YYYY-MM-DD] [--json]`: planned vs tracked for the week (cached, no network). */
export async function week(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { ...JSON_FLAG, date: { type: 'string' } });
  const app = ctx.open();
  const date = dateOption(values.date, 'date', localToday(app.clock.now()));
  const { report, totals } = buildWeekReport(app, date);
  if (values.json) {
    io.stdout(`${JSON.stringify(report)}\n`);
    return EXIT.ok;
  }
  io.stdout(`Week of ${report.weekStart}        planned  tracked\n`);
  for (const d of report.days) {
    io.stdout(`${d.date}  ${hours(d.plannedMinutes).padStart(14)}  ${hours(d.trackedMinutes).padStart(7)}${d.timeOff ? `  ${d.timeOff.policyName}` : ''}\n`);
    for (const e of report.entries.filter((x) => x.date === d.date)) {
      io.stdout(`  ${clock(e.startMinute)} ${hours(e.durationMinutes)} ${e.title}${e.status === 'done' ? ' (done)' : ''}${e.sourceRemoved ? ' (removed in Hubstaff)' : ''}\n`);
    }
  }
  io.stdout(`Total       ${hours(totals.plannedMinutes).padStart(14)}  ${hours(totals.trackedMinutes).padStart(7)}\n`);
  if (totals.overtimeMinutes > 0) io.stdout(`Overtime: ${hours(totals.overtimeMinutes)} past ${hours(totals.thresholdMinutes)}\n`);
  return EXIT.ok;
}

/** `stint export --week YYYY-MM-DD --format csv`: one row per entry and a tracked row per day. */
export async function exportWeek(ctx: CliContext, io: CliIo, args: string[]): Promise<ExitCode> {
  const { values } = parse(args, { week: { type: 'string' }, format: { type: 'string' } });
  const format = values.format ?? 'csv';
  if (format !== 'csv') throw new UsageError(`Unknown export format "${format}"; use --format csv (or stint week --json)`);
  const app = ctx.open();
  const date = dateOption(values.week, 'week', localToday(app.clock.now()));
  const { report } = buildWeekReport(app, date);
  io.stdout(weekReportCsv(report));
  return EXIT.ok;
}
