// Tool categories: what kind of harm a tool can do, so policies can say "financial after untrusted → deny" without
// listing tool names. A tool's categories are declared (`ToolSpec.categories`, used as given) or derived by one
// documented rule from its name and description:
//   the name is split into words (snake_case, kebab-case, dotted and camelCase), the description into words; each
//   word, lower-cased with a plural/-ing/-ed ending removed, is looked up in the table below; a tool gets every
//   category one of its words names. `read` is added when the NAME starts with a read verb (get, list, read …); a
//   tool with no category at all is `write` (unknown impact is not "read"). A declared `risk` is added too.
// The table is deliberately short and generic; a deployment with unusual tool names declares categories instead.
import type { ToolCategory, ToolSpec } from './types.js';

export const TOOL_CATEGORIES: readonly ToolCategory[] = [
  'read',
  'write',
  'external',
  'financial',
  'physical',
  'destructive',
  'credential',
];

const WORDS: Record<Exclude<ToolCategory, 'read'>, string[]> = {
  financial: [
    'pay',
    'payment',
    'payout',
    'transfer',
    'money',
    'wire',
    'refund',
    'invoice',
    'buy',
    'sell',
    'trade',
    'purchase',
    'crypto',
    'bitcoin',
    'btc',
    'eth',
    'stock',
    'bank',
    'iban',
    'withdraw',
    'withdrawal',
    'deposit',
    'charge',
    'order',
    'wallet',
    'fund',
    'loan',
    'card',
    'billing',
    'subscription',
  ],
  physical: [
    'unlock',
    'lock',
    'door',
    'garage',
    'gate',
    'thermostat',
    'heating',
    'light',
    'alarm',
    'camera',
    'car',
    'vehicle',
    'oven',
    'stove',
    'valve',
    'robot',
    'drone',
    'device',
    'appliance',
    'sprinkler',
    'window',
    'blind',
    'vacuum',
  ],
  destructive: [
    'delete',
    'remove',
    'erase',
    'drop',
    'purge',
    'wipe',
    'destroy',
    'cancel',
    'close',
    'leave',
    'revoke',
    'disable',
    'reset',
    'terminate',
    'uninstall',
    'archive',
    'kill',
    'truncate',
    'unsubscribe',
    'deactivate',
    'ban',
    'kick',
  ],
  credential: [
    'password',
    'passwd',
    'credential',
    'token',
    'secret',
    'apikey',
    '2fa',
    'mfa',
    'otp',
    'totp',
    'login',
    'auth',
    'authentication',
    'ssh',
    'recovery',
    'permission',
    'role',
    'collaborator',
    'factor',
  ],
  external: [
    'send',
    'email',
    'mail',
    'post',
    'message',
    'publish',
    'tweet',
    'reply',
    'upload',
    'invite',
    'notify',
    'webhook',
    'forward',
    'sms',
    'call',
    'share',
    'comment',
    'dm',
    'chat',
  ],
  write: [
    'create',
    'update',
    'write',
    'set',
    'add',
    'edit',
    'change',
    'rename',
    'move',
    'deploy',
    'run',
    'execute',
    'enable',
    'configure',
    'install',
    'merge',
    'push',
    'commit',
    'schedule',
    'book',
    'save',
    'modify',
    'assign',
    'turn',
  ],
};

const READ_VERBS = new Set([
  'get',
  'list',
  'read',
  'search',
  'fetch',
  'view',
  'show',
  'find',
  'query',
  'lookup',
  'tail',
  'check',
  'describe',
  'browse',
  'download',
  'inspect',
  'count',
  'status',
]);

/** Lower-case, with a plural/-ing/-ed ending removed (a crude stemmer; enough for tool vocabulary). */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|sh|ch|x)es$/u.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  // "close" and "closed", "move" and "moved" meet: a final e goes too.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The words of a tool name: `send_email`, `sendEmail`, `mail.send`, `git-push` → lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .split(/[^A-Za-z0-9]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** The words of free text (a description, a user's request), lower-case, bounded. */
export function textWords(text: string, max = 4096): string[] {
  return (
    text
      .slice(0, 64 * 1024)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []
  ).slice(0, max);
}

const LOOKUP: Map<string, Set<ToolCategory>> = (() => {
  const m = new Map<string, Set<ToolCategory>>();
  for (const [cat, words] of Object.entries(WORDS) as Array<[ToolCategory, string[]]>) {
    for (const w of words) {
      const k = stem(w);
      if (!m.has(k)) m.set(k, new Set());
      m.get(k)!.add(cat);
    }
  }
  return m;
})();

/** Categories derived from a tool's name and description by the rule at the top of this file. */
export function deriveCategories(name: string, description = ''): ToolCategory[] {
  const found = new Set<ToolCategory>();
  const words = nameWords(name);
  for (const w of [...words, ...textWords(description, 256)]) {
    for (const c of LOOKUP.get(stem(w)) ?? []) found.add(c);
  }
  if (words.length > 0 && READ_VERBS.has(words[0]!)) {
    // A read verb in the name makes the tool a reader; the description's "write"-ish words ("set", "add") do not
    // change that, its harm words (financial, destructive, …) still count.
    found.delete('write');
    found.add('read');
  }
  if (found.size === 0) found.add('write');
  return TOOL_CATEGORIES.filter((c) => found.has(c));
}

/** The categories a tool carries: declared ones as given, else derived, plus its declared `risk`. */
export function toolCategories(
  name: string,
  spec: Pick<ToolSpec, 'categories' | 'description' | 'risk'>,
): ToolCategory[] {
  if (spec.categories && spec.categories.length > 0) {
    return TOOL_CATEGORIES.filter((c) => spec.categories!.includes(c));
  }
  const derived = new Set(deriveCategories(name, spec.description));
  if (spec.risk) derived.add(spec.risk);
  if (spec.risk === 'read' && derived.size > 1) derived.delete('write');
  return TOOL_CATEGORIES.filter((c) => derived.has(c));
}
