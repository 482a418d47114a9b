// Waiting in tests: for a condition, with a generous ceiling, on the machine's monotonic time
// (libfaketime and a test's own clock both leave it alone). A test never asserts how long
// something took; when the ceiling passes, the error says what it was waiting for.

export interface WaitOptions {
  /** The ceiling (default 20 s): far above what the wait needs on a loaded 2-core machine. */
  timeoutMs?: number;
  /** How often the condition is checked (default 20 ms). */
  everyMs?: number;
}

export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, opts: WaitOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const deadline = performance.now() + timeoutMs;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 20));
  }
}
