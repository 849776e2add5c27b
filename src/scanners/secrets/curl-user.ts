// curl's -u / --user "user:password" (also -uuser:pw and --user=user:pw): the password is everything after
// the first ':', as curl splits it. The flag is looked for only on the command line of a `curl` word,
// continuation lines included, so "-u" in other commands and prose is not read.
import { entropyBar, shannonEntropy } from './entropy.js';
import { isPlaceholder } from './placeholder.js';
import type { SecretHit, SecretRule, SecretsOptions } from './rule.js';

const CURL = /(?<![\w.-])curl(?:\.exe)?(?![\w.-])/g;
const USER_FLAG =
  /(?<!\S)(?:-u|--user)(?:[ \t]{1,8}|=)?(?:'([^'\r\n]{1,256})'|"([^"\r\n]{1,256})"|([^\s'"]{1,256}))/g;
const MAX_COMMAND = 4096;
// curl uses the last -u it is given; a "command" with more is not one worth reading further (and a text
// repeating "curl -u a:b" must not yield a finding every few characters).
const MAX_FLAGS = 4;

/** End of the command line starting at `from`: a newline not continued by `\`, `` ` `` (PowerShell) or `^` (cmd). */
function commandEnd(text: string, from: number): number {
  const stop = Math.min(text.length, from + MAX_COMMAND);
  for (let i = from; i < stop; i++) {
    if (text.charCodeAt(i) !== 10) continue;
    let j = i - 1;
    if (j >= from && text.charCodeAt(j) === 13) j--;
    const c = j >= from ? text[j] : '';
    if (c !== '\\' && c !== '`' && c !== '^') return i;
  }
  return stop;
}

function findCurlUsers(text: string, o: SecretsOptions): SecretHit[] {
  const hits: SecretHit[] = [];
  CURL.lastIndex = 0;
  for (let m = CURL.exec(text); m !== null; m = CURL.exec(text)) {
    const from = m.index + m[0].length;
    const end = commandEnd(text, from);
    const line = text.slice(from, end);
    USER_FLAG.lastIndex = 0;
    let flags = 0;
    for (let f = USER_FLAG.exec(line); f !== null && flags < MAX_FLAGS; f = USER_FLAG.exec(line)) {
      flags++;
      const value = f[1] ?? f[2] ?? f[3] ?? '';
      const colon = value.indexOf(':');
      // No ':' makes curl prompt for the password; a lone user name is not a secret.
      if (colon < 0 || colon === value.length - 1) continue;
      const password = value.slice(colon + 1);
      if (isPlaceholder(password) || password === value.slice(0, colon)) continue;
      const quoted = f[3] === undefined ? 1 : 0;
      const start = from + f.index + f[0].length - quoted - password.length;
      const weak =
        password.length < 8 || shannonEntropy(password) < entropyBar(password.length, o.entropyMin) - 0.5;
      hits.push({
        start,
        end: start + password.length,
        score: weak ? 0.6 : 0.85,
        ...(weak && { note: 'low-entropy password' }),
        signals: ['curl-user'],
      });
    }
    CURL.lastIndex = Math.max(CURL.lastIndex, end);
  }
  return hits;
}

export const curlUser: SecretRule = {
  id: 'curl-user',
  kind: 'cli_password',
  label: 'Password on a command line',
  anchors: ['curl'],
  find: findCurlUsers,
};
