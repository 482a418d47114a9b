/** One figure a benchmark reports: printed as a JSON line with `--json`, else as a table row. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. ">= 0.5". */
  goal: string;
  ok: boolean;
}

export interface Benchmark {
  name: string;
  /** What it measures, one line (shown in the table). */
  description: string;
  run(): Promise<BenchResult[]>;
}
