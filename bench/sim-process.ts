// Runs the Hubstaff simulator in its own process for benchmarks, so the server's work and
// memory are not counted against the client being measured (as with the real, remote API).
// Usage (via fork with tsx): argv[2] = JSON SimOptions. Prints one JSON line
// `{"baseUrl": …}` on stdout when listening; exits when its parent disconnects.
import { startSimulator } from '../tests/sim/index';

const opts = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startSimulator>[0];
// Benchmarks measure throughput, not Hubstaff's hourly limit: off unless a benchmark asks for it.
const sim = await startSimulator({ rateLimitPerHour: null, ...opts });
process.stdout.write(`${JSON.stringify({ baseUrl: sim.baseUrl, apiUrl: sim.apiUrl })}\n`);
process.on('disconnect', () => {
  void sim.close().then(() => process.exit(0));
});
