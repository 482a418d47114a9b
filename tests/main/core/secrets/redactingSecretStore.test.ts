import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../src/main/core/log/redact';
import { MemorySecretStore } from '../../../../src/main/core/secrets';
import { RedactingSecretStore } from '../../../../src/main/core/secrets/redactingSecretStore';

describe('RedactingSecretStore', () => {
  it('registers stored and loaded token sets with the redactor, field by field', async () => {
    const inner = new MemorySecretStore();
    const redactor = new Redactor();
    const store = new RedactingSecretStore(inner, redactor);
    const set = { accessToken: 'opaque-access-0123456789abcdef', refreshToken: 'opaque-refresh-0123456789abcdef', expiresAt: 123 };
    await store.set('hubstaff:1', JSON.stringify(set));
    expect(redactor.redact(`sent ${set.accessToken} and ${set.refreshToken}`)).toBe('sent [redacted] and [redacted]');
    expect(await store.get('hubstaff:1')).toBe(JSON.stringify(set));

    // A fresh process: the redactor learns the tokens when they are read back.
    const other = new Redactor();
    await new RedactingSecretStore(inner, other).get('hubstaff:1');
    expect(other.redact(set.refreshToken)).toBe('[redacted]');
    expect(await store.delete('hubstaff:1')).toBe(true);
  });
});
