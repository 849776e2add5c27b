// Headless Chromium for browser tests. Uses the system chromium (Debian's /usr/bin/chromium, or
// CHROMIUM_PATH), never a browser downloaded by playwright: the tests must run offline. A missing
// browser is a test FAILURE with a clear message, not a skip — CI installs it.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Everything that would make the browser talk to anything but the test server is switched off.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `extraArgs`: more switches, e.g. `--host-resolver-rules=MAP attacker.example 127.0.0.1` for a test
 *  that needs a name to resolve to loopback (DNS rebinding). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install it (Debian: apt-get install chromium) ` +
        'or set CHROMIUM_PATH to a Chromium/Chrome executable',
    );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...ARGS, ...extraArgs] });
}
