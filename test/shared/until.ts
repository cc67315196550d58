// Shared by the integration tests (inside VS Code's extension host) and the UI
// tests (plain Node driving a browser), so it may import neither `vscode` nor
// Playwright.
import * as assert from 'node:assert/strict';

/**
 * Waits for a condition that no event announces, checking it every 50 ms and
 * failing with "timed out … waiting until <what>" after `timeoutMs`.
 */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
