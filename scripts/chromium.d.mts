// Types for scripts/chromium.mjs, so the TypeScript UI tests can use it.
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM_PATH: string;

export interface LaunchedChromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export function launchChromium(options?: {
  viewport?: { width: number; height: number };
  headless?: boolean;
  colorScheme?: 'light' | 'dark' | 'no-preference';
}): Promise<LaunchedChromium>;
