// A second line of defence beside shell.test.ts: the shell's source itself. Whatever a future
// edit adds, it cannot open a window without the secure webPreferences, switch isolation or
// the sandbox off, reach the browser without the allow-list, or grant a permission.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../../src/main/electron');
const sources = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const all = Object.values(sources).join('\n');
const count = (re: RegExp) => (all.match(re) ?? []).length;

describe('the Electron shell source', () => {
  it('never loosens a webPreference', () => {
    for (const loose of [/nodeIntegration\w*\s*:\s*true/, /contextIsolation\s*:\s*false/, /sandbox\s*:\s*false/, /webSecurity\s*:\s*false/, /allowRunningInsecureContent\s*:\s*true/, /webviewTag\s*:\s*true/, /experimentalFeatures\s*:\s*true/]) {
      expect(all, String(loose)).not.toMatch(loose);
    }
  });

  it('opens every window with secureWebPreferences and nothing else', () => {
    expect(count(/new BrowserWindow\(/g)).toBe(1);
    expect(sources['window.ts']).toMatch(/new BrowserWindow\(\{[^]*?webPreferences: secureWebPreferences\(opts\.preload\),\s*\}\)/);
  });

  it('calls shell.openExternal in one place, behind the allow-list', () => {
    expect(count(/shell\.openExternal\(/g)).toBe(1);
    expect(sources['host.ts']).toMatch(/if \(!isAllowedExternalUrl\(url, authorizeUrlPrefix\)\) return false;\s*await shell\.openExternal\(url\);/);
    // The OAuth sign-in page goes through the strict opener.
    expect(sources['main.ts']).toContain('openExternal: authorizePageOpener(');
  });

  it('installs the session and web-contents guards in one module, and grants no permission', () => {
    for (const call of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onHeadersReceived', 'onBeforeRequest', 'setWindowOpenHandler']) {
      expect(count(new RegExp(`\\.${call}\\(`, 'g')), call).toBe(1);
      expect(sources['security.ts'], call).toContain(`.${call}(`);
    }
    expect(sources['policy.ts']).toMatch(/GRANTED_PERMISSIONS: readonly string\[\] = \[\];/);
    expect(sources['main.ts']).toContain('secureSession(session.defaultSession, appUrl)');
    expect(sources['main.ts']).toContain('secureAllWebContents(app,');
  });

  it('loads only the app page, never a remote address', () => {
    expect(count(/\.loadURL\(/g)).toBe(1);
    expect(sources['window.ts']).toContain('win.loadURL(opts.url)');
    expect(all).not.toMatch(/loadURL\(\s*['"`]https?:/);
    expect(all).not.toMatch(/\.loadFile\(|<webview/);
  });
});
