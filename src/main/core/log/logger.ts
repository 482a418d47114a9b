// A small rotating file logger for the data directory. Lines are JSON (time, level, scope,
// message, fields), every line passes through the redactor, and files rotate by size so logs
// never grow without bound.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactor as defaultRedactor, type Redactor } from './redact';
import { systemClock } from '../../../common/clock';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LoggerOptions {
  file: string;
  /** Rotate when the file would pass this size (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept: stint.log.1 … stint.log.N (default 3). */
  keep?: number;
  redactor?: Redactor;
  now?: () => Date;
  /** Also echo to stderr (development). */
  echo?: boolean;
}

export interface LogRecord {
  t: string;
  level: Level;
  scope: string;
  msg: string;
  [field: string]: unknown;
}

export class Logger {
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly redactor: Redactor;
  private readonly now: () => Date;
  private size: number;

  constructor(private readonly opts: LoggerOptions) {
    this.maxBytes = opts.maxBytes ?? 1024 * 1024;
    this.keep = opts.keep ?? 3;
    this.redactor = opts.redactor ?? defaultRedactor;
    this.now = opts.now ?? systemClock.now;
    mkdirSync(dirname(opts.file), { recursive: true });
    this.size = existsSync(opts.file) ? statSync(opts.file).size : 0;
  }

  scope(scope: string): ScopedLogger {
    return new ScopedLogger(this, scope);
  }

  write(level: Level, scope: string, msg: string, fields: Record<string, unknown> = {}): void {
    const record: LogRecord = { t: this.now().toISOString(), level, scope, msg, ...serializeFields(fields) };
    const line = this.redactor.redact(JSON.stringify(record)) + '\n';
    const bytes = Buffer.byteLength(line);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    try {
      appendFileSync(this.opts.file, line);
      this.size += bytes;
    } catch {
      // expected: a full disk or a vanished directory must never take the app down with it.
    }
    if (this.opts.echo) process.stderr.write(line);
  }

  private rotate(): void {
    const f = this.opts.file;
    rmSync(`${f}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) if (existsSync(`${f}.${i}`)) renameSync(`${f}.${i}`, `${f}.${i + 1}`);
    if (existsSync(f)) renameSync(f, `${f}.1`);
    this.size = 0;
  }
}

export class ScopedLogger {
  constructor(
    private readonly logger: Logger,
    private readonly name: string,
  ) {}
  debug(msg: string, fields?: Record<string, unknown>): void {
    this.logger.write('debug', this.name, msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.logger.write('info', this.name, msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.logger.write('warn', this.name, msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.logger.write('error', this.name, msg, fields);
  }
}

function serializeFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, ...('code' in v ? { code: (v as { code: unknown }).code } : {}) } : v;
  }
  return out;
}

/** A logger that drops everything (tests and tools that do not log). */
export const nullLogger = {
  scope: () => ({ debug() {}, info() {}, warn() {}, error() {} }),
} as unknown as Logger;
