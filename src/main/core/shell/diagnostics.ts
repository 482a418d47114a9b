// "Copy diagnostics": a plain-text report a user can paste into a support request. Versions,
// account and sync states, and the last warnings and errors from the log with their
// correlation ids. Never a token: only chosen fields go in (no names, emails or raw log lines),
// and the finished text passes through the redactor (registered tokens and token shapes).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import type { AccountView } from '../auth/types';
import { redactor as processRedactor, type Redactor } from '../log/redact';

export interface DiagnosticsInput {
  now: Date;
  /** e.g. { stint: '0.1.0', electron: '45.4.1', chrome: '…', node: '…' } */
  versions: Record<string, string | undefined>;
  platform: string;
  arch: string;
  dataDir: string;
  keychain: { available: boolean; message?: string };
  accounts: readonly AccountView[];
  sync: SyncStatus;
  /** The current log file; its rotated predecessor (`.1`) is read too. */
  logFile: string;
  redactor: Redactor;
  maxProblems?: number;
  /** Where Hubstaff requests run (the exchange thread, or the main thread and why). */
  requests?: string;
}

export interface LogProblem {
  t: string;
  level: 'warn' | 'error';
  scope: string;
  msg: string;
  correlationId: string | null;
  /** A few chosen fields (code, status, path, stream…), as `key=value`. */
  detail: string;
}

const TAIL_BYTES = 256 * 1024;
const DETAIL_FIELDS = ['account', 'orgId', 'stream', 'path', 'status', 'code', 'command', 'skipped'] as const;

function tail(file: string): string {
  if (!existsSync(file)) return '';
  const size = statSync(file).size;
  const start = Math.max(0, size - TAIL_BYTES);
  const buf = Buffer.alloc(size - start);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, start);
  } finally {
    closeSync(fd);
  }
  const text = buf.toString('utf8');
  // A cut-off first line is dropped.
  return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 200)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * The last warnings and errors of the log (oldest first), at most `max`. Each line is redacted
 * before anything else, so a shortened field can never keep part of a token.
 */
export function recentLogProblems(logFile: string, max = 20, redactor: Redactor = processRedactor): LogProblem[] {
  const lines = `${tail(`${logFile}.1`)}\n${tail(logFile)}`.split('\n');
  const out: LogProblem[] = [];
  for (const raw of lines) {
    if (!raw.startsWith('{')) continue;
    const line = redactor.redact(raw);
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (r.level !== 'warn' && r.level !== 'error') continue;
    const error = r.error && typeof r.error === 'object' ? (r.error as Record<string, unknown>) : null;
    const correlationId = scalar(r.correlationId) ?? scalar(error?.correlationId);
    const parts: string[] = [];
    for (const k of DETAIL_FIELDS) {
      const v = scalar(r[k]);
      if (v !== null) parts.push(`${k}=${v}`);
    }
    const message = scalar(r.message) ?? scalar(error?.message);
    if (message) parts.push(`"${message}"`);
    out.push({ t: String(r.t ?? ''), level: r.level, scope: String(r.scope ?? ''), msg: String(r.msg ?? ''), correlationId, detail: parts.join(' ') });
  }
  return out.slice(-max);
}

const withId = (text: string, id: string | null | undefined) => (id ? `${text} (correlation id ${id})` : text);

export function buildDiagnostics(input: DiagnosticsInput): string {
  const lines: string[] = [];
  lines.push(`Stint diagnostics, ${input.now.toISOString()}`);
  const versions = Object.entries(input.versions)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  lines.push(`Versions: ${versions}; ${input.platform} ${input.arch}`);
  lines.push(`Data directory: ${input.dataDir}`);
  lines.push(`Keychain: ${input.keychain.available ? 'available' : `unavailable${input.keychain.message ? ` (${input.keychain.message})` : ''}; tokens are kept for this session only`}`);
  lines.push(`Sync: ${input.sync.state}; last synced ${input.sync.lastSyncedAt ?? 'never'}`);
  if (input.requests) lines.push(`Requests: ${input.requests}`);

  lines.push('', `Accounts (${input.accounts.length})`);
  const statusById = new Map(input.sync.accounts.map((a) => [a.accountId, a]));
  for (const a of input.accounts) {
    const orgs = a.organizations.map((o) => o.id).join(', ') || 'none selected';
    lines.push(`- ${a.id} [${a.provider}, ${a.authKind}] ${a.status}${a.sessionOnly ? ', session only' : ''}; organizations ${orgs}`);
    if (a.statusMessage) lines.push(`  status: ${a.statusMessage}`);
    const s = statusById.get(a.id);
    lines.push(`  last synced ${s?.lastSyncedAt ?? 'never'}; sync from ${a.sync.startDate ?? 'default'} to ${a.sync.endDate ?? 'now'}`);
    if (s?.lastError) lines.push(`  last error: ${withId(`${s.lastError.code}: ${s.lastError.message}`, s.lastError.correlationId)}`);
  }

  const failing = input.sync.streams.filter((s) => s.lastError);
  if (failing.length) {
    lines.push('', 'Streams with errors');
    for (const s of failing) {
      lines.push(`- ${s.accountId} org ${s.orgId} ${s.stream}: ${withId(`${s.lastError!.code}: ${s.lastError!.message}`, s.lastError!.correlationId)}; last success ${s.lastSuccessAt ?? 'never'}`);
    }
  }

  const problems = recentLogProblems(input.logFile, input.maxProblems ?? 20, input.redactor);
  lines.push('', `Recent warnings and errors (${problems.length}, oldest first)`);
  if (problems.length === 0) lines.push('- none');
  for (const p of problems) lines.push(`- ${p.t} ${p.level} ${p.scope}: ${withId(`${p.msg}${p.detail ? ` ${p.detail}` : ''}`, p.correlationId)}`);

  return input.redactor.redact(`${lines.join('\n')}\n`);
}
