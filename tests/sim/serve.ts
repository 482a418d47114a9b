// `npm run sim [-- options]`: runs the Hubstaff simulator with a seeded organization for demos
// and manual testing, prints its URLs, a PAT, an organization token and the control endpoints,
// and runs until Ctrl+C. Activities cover the last four weeks up to now (UTC).
//
// Hubstaff's documented earliest-date limits are on (activities 6 months back, activities/updates
// 45 days, daily activities 3 years, daily/updates 31 days; answered 400), and so is the hourly
// rate limit of 1000 requests per application (429 with Retry-After).
//
// Options: --port N (default random), --seed N (default 1), --orgs N (default 1),
//          --members N (default 4), --redirect-uri URI (repeatable; default
//          http://localhost:53682/callback), --client-id ID, --client-secret SECRET,
//          --no-history-limits (or STINT_SIM_HISTORY_LIMITS=0) to turn the earliest-date limits off,
//          --rate-limit N (requests per hour per application; default 1000, 0 = none; or
//          STINT_SIM_RATE_LIMIT=N), --no-require-reason (manual time without a note is accepted;
//          Hubstaff's default requires one).

import { parseArgs } from 'node:util';
import { startSimulator } from './index';
import { clockFromEnv } from '../../src/common/clock';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    orgs: { type: 'string', default: '1' },
    members: { type: 'string', default: '4' },
    'redirect-uri': { type: 'string', multiple: true, default: ['http://localhost:53682/callback'] },
    'client-id': { type: 'string', default: 'stint-dev' },
    'client-secret': { type: 'string', default: 'stint-dev-secret' },
    'no-history-limits': { type: 'boolean', default: false },
    'rate-limit': { type: 'string' },
    'no-require-reason': { type: 'boolean', default: false },
  },
});

function int(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${text}`);
  return n;
}

const historyLimits = !values['no-history-limits'] && !/^(0|false|off|no)$/i.test(process.env.STINT_SIM_HISTORY_LIMITS ?? '');
const rateLimit = int('rate-limit', values['rate-limit'] ?? process.env.STINT_SIM_RATE_LIMIT ?? '1000');

const DAY = 86_400_000;
// `npm run sim` is a tool for people: its world ends at the real now (or STINT_CLOCK's).
const clock = clockFromEnv(process.env);
const today = Math.floor(clock.nowMs() / DAY) * DAY;
const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const sim = await startSimulator({
  seed: int('seed', values.seed),
  port: int('port', values.port),
  data: {
    organizations: Math.max(1, int('orgs', values.orgs)),
    membersPerOrg: Math.max(1, int('members', values.members)),
    activities: { from: date(today - 27 * DAY), to: date(today), density: 0.5, notAfter: clock.now().toISOString() },
    organizationSettings: { requireReason: !values['no-require-reason'] },
  },
  clock: clock.nowMs,
  historyLimits,
  rateLimitPerHour: rateLimit,
  clients: [{ clientId: values['client-id'], clientSecret: values['client-secret'], redirectUris: values['redirect-uri'] }],
});

const me = sim.control.me() as { id: number; name: string; email: string };
const orgIds = sim.control.myOrganizationIds();
const pat = sim.control.issuePersonalAccessToken();
const orgToken = sim.control.issueOrganizationToken(orgIds[0] as number);

const lines = [
  'Hubstaff simulator running',
  `  account server (issuer)  ${sim.baseUrl}`,
  `  discovery                ${sim.baseUrl}/.well-known/openid-configuration`,
  `  API                      ${sim.apiUrl}`,
  '',
  `  me                       ${me.name} <${me.email}> (user ${me.id}), organizations ${orgIds.join(', ')}`,
  `  personal access token    ${pat}`,
  `  organization token       ${orgToken}   (organization ${orgIds[0]})`,
  `  OAuth client             id=${values['client-id']} secret=${values['client-secret']}`,
  `  redirect URIs            ${values['redirect-uri'].join(' ')}`,
  `  earliest-date limits     ${historyLimits ? 'on (activities 6 months, updates 45 days, daily 3 years)' : 'off'}`,
  `  rate limit               ${rateLimit === 0 ? 'none' : `${rateLimit} requests per hour per application`}`,
  `  manual time              note ${values['no-require-reason'] ? 'optional' : 'required ("Require reason" on)'}`,
  '',
  `  control (POST JSON argument list, answer {"result": …}), e.g.`,
  `    curl -s ${sim.baseUrl}/__control/summary`,
  `    curl -s -X POST ${sim.baseUrl}/__control/issuePersonalAccessToken -d '[]'`,
  `    curl -s -X POST ${sim.baseUrl}/__control/injectFaults -d '[{"kind":"rate_limit","path":"/activities$","nth":1,"retryAfterSec":5}]'`,
  `    curl -s -X POST ${sim.baseUrl}/__control/setAutoApprove -d '[false]'`,
  `    curl -s -X POST ${sim.baseUrl}/__control/setOrganizationSettings -d '[${orgIds[0]}, {"requireReason": false, "manualTimeApproval": true}]'`,
  `    curl -s -X POST ${sim.baseUrl}/__control/setProjectIntegration -d '[${(sim.control.projects(orgIds[0])[0] as { id: number } | undefined)?.id ?? 0}, 1]'`,
  `    curl -s ${sim.baseUrl}/__control/rateLimitUsage`,
  `    curl -s ${sim.baseUrl}/__control/requests`,
  '',
  'Ctrl+C to stop.',
];
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
