// Headless Chromium for the integration runner and the UI tests: Debian's
// chromium driven by playwright-core (which downloads no browser of its own).
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.PAPER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Chromium with a fresh profile and returns `{ context, page, close }`.
 * `close()` ends the browser and removes the profile; it is safe to call twice.
 */
export async function launchChromium({ viewport = { width: 1400, height: 900 }, headless = true, colorScheme } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install the Debian package \`chromium\` (or set PAPER_ATLAS_CHROMIUM)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'paper-atlas-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: ARGS,
    viewport,
    colorScheme,
    // playwright's own handlers would exit the process before our cleanup runs.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closing;
  return {
    context,
    page,
    close: () => {
      closing ??= context.close().catch(() => {}).finally(() => rmSync(profile, { recursive: true, force: true }));
      return closing;
    },
  };
}
