// Secret redaction for everything Stint writes to logs or diagnostics. Two layers: exact
// values registered at run time (the tokens the app holds), and patterns for token shapes
// that may arrive from elsewhere (an error body echoing a token, a URL with a code).

const PATTERNS: RegExp[] = [
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWTs (Hubstaff access/refresh tokens)
  /\bhsoat_[A-Za-z0-9_-]+/g, // Hubstaff organization tokens
  /\bpat-[a-z]{2,4}\d?-[A-Za-z0-9-]+/g, // HubSpot private app tokens
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, // Authorization header values
  /([?&]code)(=)[^&\s"']+/g, // OAuth authorization codes in callback URLs
  /\b((?:access|refresh|id)_token|client_secret|code_verifier|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi,
];

export const REDACTED = '[redacted]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value (a token) so it is redacted wherever it appears. */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }

  remove(secret: string): void {
    this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    for (const p of PATTERNS) {
      out = out.replace(p, (match, ...groups: unknown[]) => {
        // Keep the key of `key=value` pairs and the scheme of auth headers, so logs stay readable.
        const [first, second] = groups as [string | undefined, string | undefined];
        if (typeof first === 'string' && typeof second === 'string' && /^(["']?\s*[:=]\s*["']?)$/.test(second)) return `${first}${second}${REDACTED}`;
        if (typeof first === 'string' && /^(bearer|basic)$/i.test(first)) return `${first} ${REDACTED}`;
        return match === '' ? match : REDACTED;
      });
    }
    return out;
  }
}

/** The process-wide redactor: the token provider registers tokens, the logger applies it. */
export const redactor = new Redactor();
