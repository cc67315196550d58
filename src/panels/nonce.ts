import { randomBytes } from 'node:crypto';

/** A fresh nonce for one render of a webview's script tag, from the OS's CSPRNG. */
export function createNonce(): string {
  return randomBytes(18).toString('base64');
}
