// Takes the README's screenshot of the playground (docs/web-screenshot.png) in headless
// Chromium: the sample capture, a pcap-filter expression and one packet's hex dump. Run with
// `npm run build && node dist/scripts/screenshot-web.js [OUT.png]`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWeb } from './build-web.js';
import { startWebServer } from './serve-web.js';

export async function screenshotWeb(out: string, chromiumPath = '/usr/bin/chromium'): Promise<void> {
  await buildWeb();
  const server = await startWebServer({ csp: 'strict' });
  const profile = mkdtempSync(join(tmpdir(), 'vfm-shot-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=pcap&filter=${encodeURIComponent('tcp dst port 80 or tcp dst port 443')}`);
    await page.getByTestId('capture-input').setInputFiles(fileURLToPath(new URL('../../examples/sample.pcap', import.meta.url)));
    await page.waitForSelector('body[data-run-state=done]');
    await page.locator('[data-testid=packet-row][data-index="7"]').click();
    await page.waitForSelector('#hexdump[data-read-bytes]');
    await page.screenshot({ path: out });
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/web-screenshot.png', import.meta.url));
  await screenshotWeb(out);
  console.log(`wrote ${out}`);
}
