// A small Content-Security-Policy evaluator (CSP Level 3, simplified where it errs towards
// "allowed"), so a test can ask what a policy really decides — may this page run an inline
// script, fetch from that host, be framed by another site — instead of comparing its text.

export type Policy = ReadonlyMap<string, readonly string[]>;

/** Parses one serialized policy: directives split on ";", the first of a repeated name wins. */
export function parseCsp(serialized: string): Policy {
  const policy = new Map<string, string[]>();
  for (const part of serialized.split(';')) {
    const [name, ...sources] = part.trim().split(/[\t\n\f\r ]+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!policy.has(key)) policy.set(key, sources);
  }
  return policy;
}

/** CSP3's fallback lists: the directive that governs each kind of request when its own is absent. */
const FALLBACKS: Record<string, readonly string[]> = {
  'script-src': ['script-src', 'default-src'],
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'child-src': ['child-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'media-src': ['media-src', 'default-src'],
  'manifest-src': ['manifest-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
  // Navigation and document directives never fall back: absent means unrestricted.
  'base-uri': ['base-uri'],
  'form-action': ['form-action'],
  'frame-ancestors': ['frame-ancestors'],
};

export type Governed = keyof typeof FALLBACKS;

/** The source list that governs `directive`, or null when nothing restricts it. */
export function governingSources(policy: Policy, directive: Governed): readonly string[] | null {
  for (const name of FALLBACKS[directive]!) {
    const list = policy.get(name);
    if (list) return list;
  }
  return null;
}

const NETWORK_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];
const upgrades = (from: string, to: string) => from === to || (from === 'http:' && to === 'https:') || (from === 'ws:' && to === 'wss:');
const defaultPort = (protocol: string) => ({ 'http:': '80', 'ws:': '80', 'https:': '443', 'wss:': '443' })[protocol] ?? '';

function matchesExpression(expr: string, url: URL, self: URL): boolean {
  const e = expr.toLowerCase();
  if (e === "'self'") {
    if (self.protocol === 'file:') return url.protocol === 'file:'; // Chromium: 'self' on a file: page admits file: URLs
    if (url.host !== self.host) return false;
    return upgrades(self.protocol, url.protocol) || (self.protocol === 'http:' && ['ws:', 'wss:'].includes(url.protocol)) || (self.protocol === 'https:' && url.protocol === 'wss:');
  }
  if (e.startsWith("'")) return false; // keywords, nonces and hashes admit no URL
  if (e === '*') return NETWORK_SCHEMES.includes(url.protocol) || url.protocol === self.protocol;
  if (/^[a-z][a-z0-9+.-]*:$/.test(e)) return upgrades(e, url.protocol);
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^/:]+)(?::(\d+|\*))?(?:\/.*)?$/.exec(e);
  if (!m) return true; // an expression this evaluator cannot read counts as allowing everything
  const [, scheme, host, port] = m;
  if (scheme ? !upgrades(`${scheme}:`, url.protocol) : !NETWORK_SCHEMES.includes(url.protocol)) return false;
  const hostname = url.hostname.toLowerCase();
  const hostOk = host === '*' || (host!.startsWith('*.') ? hostname.endsWith(host!.slice(1)) : hostname === host);
  const urlPort = url.port || defaultPort(url.protocol);
  const portOk = port === undefined ? !url.port || urlPort === defaultPort(url.protocol) : port === '*' || port === urlPort;
  // The path part is ignored: that only ever makes the evaluator allow more.
  return hostOk && portOk;
}

/** May a document at `self` load `url` for the kind of request `directive` governs? */
export function allowsUrl(policy: Policy, directive: Governed, url: string, self: string): boolean {
  const sources = governingSources(policy, directive);
  if (!sources) return true;
  const target = new URL(url);
  return sources.some((s) => matchesExpression(s, target, new URL(self)));
}

/** May the page run inline code of this kind (a <script> body, an onclick attribute, a <style>)? */
export function allowsInline(policy: Policy, directive: 'script-src-elem' | 'script-src-attr' | 'style-src-elem' | 'style-src-attr'): boolean {
  const sources = governingSources(policy, directive);
  if (!sources) return true;
  const lower = sources.map((s) => s.toLowerCase());
  // A nonce, a hash or 'strict-dynamic' switches 'unsafe-inline' off (for scripts and styles alike).
  const neutralised = lower.some((s) => /^'(nonce-|sha256-|sha384-|sha512-|strict-dynamic')/.test(s));
  return lower.includes("'unsafe-inline'") && !neutralised;
}

/** May a script call eval(), new Function() or setTimeout(string)? */
export function allowsEval(policy: Policy): boolean {
  const sources = governingSources(policy, 'script-src');
  return !sources || sources.some((s) => s.toLowerCase() === "'unsafe-eval'");
}
