#!/usr/bin/env node
// Renders Stint's icons from SVG with Debian's Chromium (via Playwright), so the PNGs in
// resources/ are reproducible: `node scripts/make-icons.mjs`.
//   app icon: resources/icon.png (1024), resources/icon-512.png
//   tray:     resources/tray/tray-{light,dark}[-offline|-reconnect|-syncing].png and @2x
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources');
mkdirSync(join(out, 'tray'), { recursive: true });

// A calendar block with a clock hand: the plan and the tracked time side by side.
const appIcon = (size) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#5b6cff"/><stop offset="1" stop-color="#2a3bd1"/></linearGradient></defs>
  <rect x="4" y="4" width="92" height="92" rx="22" fill="url(#g)"/>
  <rect x="22" y="24" width="24" height="52" rx="6" fill="#ffffff" opacity="0.95"/>
  <rect x="54" y="24" width="24" height="30" rx="6" fill="#ffffff" opacity="0.6"/>
  <rect x="54" y="60" width="24" height="16" rx="6" fill="#ffd166"/>
</svg>`;

// Tray: a monochrome glyph (dark on light menus, light on dark menus) plus a state mark.
const trayIcon = (size, color, mark) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16">
  <rect x="2" y="2.5" width="5" height="11" rx="1.4" fill="${color}"/>
  <rect x="9" y="2.5" width="5" height="6" rx="1.4" fill="${color}" opacity="0.65"/>
  <rect x="9" y="10" width="5" height="3.5" rx="1.2" fill="${color}"/>
  ${mark === 'offline' ? '<circle cx="12.5" cy="12.5" r="3.3" fill="#8a8f98" stroke="#fff" stroke-width="0.8"/><rect x="10.6" y="12" width="3.8" height="1" fill="#fff"/>' : ''}
  ${mark === 'reconnect' ? '<circle cx="12.5" cy="12.5" r="3.3" fill="#e5484d" stroke="#fff" stroke-width="0.8"/><rect x="12" y="10.3" width="1" height="2.6" fill="#fff"/><rect x="12" y="13.5" width="1" height="1" fill="#fff"/>' : ''}
  ${mark === 'syncing' ? '<circle cx="12.5" cy="12.5" r="3.3" fill="#3e63dd" stroke="#fff" stroke-width="0.8"/><circle cx="12.5" cy="12.5" r="1.4" fill="none" stroke="#fff" stroke-width="0.9"/>' : ''}
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.STINT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
async function render(svg, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: file, omitBackground: true });
}
await render(appIcon(1024), 1024, join(out, 'icon.png'));
await render(appIcon(512), 512, join(out, 'icon-512.png'));
for (const [theme, color] of [['light', '#1f2430'], ['dark', '#f2f3f5']]) {
  for (const mark of ['', 'offline', 'reconnect', 'syncing']) {
    const name = `tray-${theme}${mark ? `-${mark}` : ''}`;
    await render(trayIcon(16, color, mark), 16, join(out, 'tray', `${name}.png`));
    await render(trayIcon(32, color, mark), 32, join(out, 'tray', `${name}@2x.png`));
  }
}
await browser.close();
console.log('icons written to resources/');
