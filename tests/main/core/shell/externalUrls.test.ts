import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../../src/main/core/shell/externalUrls';

describe('external links', () => {
  it('open only https pages on Hubstaff or HubSpot hosts', () => {
    for (const ok of ['https://app.hubstaff.com/organizations/1/tasks/2', 'https://app.hubspot.com/contacts/1/record/0-1/2', 'https://app-eu1.hubspot.com/x', 'https://support.hubstaff.com/']) {
      expect(isAllowedExternalUrl(ok), ok).toBe(true);
    }
    for (const bad of [
      'http://app.hubstaff.com/',
      'https://app.hubstaff.com.evil.example/',
      'https://evil.example/app.hubstaff.com',
      'https://hubstaff.com@evil.example/',
      'https://user:pw@app.hubstaff.com/',
      'https://notapp.hubspot.com.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'hubstaff.com',
      '',
    ]) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });

  it('admit the OAuth authorize URL of the configured account server, https or the local simulator', () => {
    expect(isAllowedExternalUrl('https://account.example/authorizations/new?client_id=1', 'https://account.example/authorizations/new?')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:5000/authorizations/new?x=1', 'http://127.0.0.1:5000/authorizations/new?')).toBe(true);
    // A plain-http prefix for a remote host is not an authorize prefix at all.
    expect(isAllowedExternalUrl('http://account.example/authorizations/new?x', 'http://account.example/authorizations/new?')).toBe(false);
    expect(isAllowedExternalUrl('https://account.example/other', 'https://account.example/authorizations/new?')).toBe(false);
  });
});
