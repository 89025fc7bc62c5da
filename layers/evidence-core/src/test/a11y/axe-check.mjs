// Runs axe-core on one HTML file in Debian's headless Chromium and prints the result as JSON.
// Usage: node axe-check.mjs REPORT.html [SCREENSHOT.png]
// Exit 0: zero violations; 1: violations (listed on stdout); 2: could not run.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [, , report, screenshot] = process.argv;
if (!report) {
  console.error('usage: node axe-check.mjs REPORT.html [SCREENSHOT.png]');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// A fresh profile per run, and no background traffic: the report must work offline.
const profile = mkdtempSync(join(tmpdir(), 'axe-chromium-'));
let browser;
try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  browser = context;
  const page = context.pages()[0] || await context.newPage();
  const external = [];
  // Any request that leaves the file is a failure of "works offline".
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url === 'about:blank') {
      return route.continue();
    }
    external.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(resolve(report)).href, { waitUntil: 'load' });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
  });
  if (screenshot) {
    // SCREENSHOT_HEIGHT: the top of the page only (the README's picture), else the whole page.
    const height = Number(process.env.SCREENSHOT_HEIGHT || 0);
    await page.screenshot(height > 0
      ? { path: screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height } }
      : { path: screenshot, fullPage: true });
  }
  const violations = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })),
  }));
  console.log(JSON.stringify({ axe: result.testEngine.version, passes: result.passes.length,
    violations, external }, null, 1));
  process.exitCode = violations.length === 0 && external.length === 0 ? 0 : 1;
} catch (e) {
  console.error(e && e.stack ? e.stack : String(e));
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
