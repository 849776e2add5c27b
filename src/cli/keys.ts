// `rampart keys create|list|revoke`: manage the gateway's virtual API keys. A created key is printed
// once and stored only as a hash; list never prints hashes or keys. Errors are thrown as RampartError
// and main.ts turns them into `rampart: CODE: message` and exit 2.
import { Command, Option } from 'commander';
import type { KeyRecord, KeyStore, SpotlightSetting, TrustClientRoles } from '../gateway/keys/key-record.js';
import type { LimitsOverride } from '../gateway/limits/config.js';
import type { Usage } from '../gateway/limits/limiter.js';

export type OpenKeyStore = (configPath?: string) => Promise<KeyStore & { close?(): Promise<void> }>;

export interface KeysCommandOptions {
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** Current counters for `keys list`, when the caller can open the state store. */
  usage?: (record: KeyRecord, configPath?: string) => Promise<Usage | undefined>;
}

interface CreateFlags {
  tenant: string;
  name?: string;
  rpm?: string;
  tpm?: string;
  dailyTokens?: string;
  dailyCost?: string;
  trustClientRoles?: TrustClientRoles;
  spotlight?: SpotlightSetting;
  config?: string;
}

// Strings go to the zod schema as numbers (NaN included), so a bad value gets the schema's message.
const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

function limitsFrom(f: CreateFlags): LimitsOverride | undefined {
  const l: Record<string, number> = {};
  const set = (k: keyof LimitsOverride, v: string | undefined) => {
    const n = num(v);
    if (n !== undefined) l[k] = n;
  };
  set('requests_per_minute', f.rpm);
  set('tokens_per_minute', f.tpm);
  set('daily_tokens', f.dailyTokens);
  set('daily_cost_usd', f.dailyCost);
  return Object.keys(l).length ? (l as LimitsOverride) : undefined;
}

/** What list shows of a record: everything except the hash. */
function publicView(r: KeyRecord, usage: Usage | undefined) {
  return {
    id: r.id,
    tenant: r.tenant,
    ...(r.name !== undefined ? { name: r.name } : {}),
    status: r.revoked_at === undefined ? 'active' : 'revoked',
    created_at: r.created_at,
    ...(r.revoked_at !== undefined ? { revoked_at: r.revoked_at } : {}),
    ...(r.limits ? { limits: r.limits } : {}),
    ...(r.trust_client_roles ? { trust_client_roles: r.trust_client_roles } : {}),
    ...(r.spotlight ? { spotlight: r.spotlight } : {}),
    ...(usage ? { usage } : {}),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const limitsText = (l: LimitsOverride | undefined): string =>
  l
    ? Object.entries(l)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '-';

async function withStore<T>(open: OpenKeyStore, config: string | undefined, fn: (s: KeyStore) => Promise<T>) {
  const store = await open(config);
  try {
    return await fn(store);
  } finally {
    await store.close?.();
  }
}

export function registerKeysCommand(
  program: Command,
  openKeyStore: OpenKeyStore,
  opts: KeysCommandOptions = {},
): Command {
  const out = opts.out ?? ((s: string) => process.stdout.write(`${s}\n`));
  const err = opts.err ?? ((s: string) => process.stderr.write(`${s}\n`));
  const keys = program.command('keys').description("manage the gateway's virtual API keys");

  keys
    .command('create')
    .description('create a key for a tenant and print it once (only its hash is stored)')
    .requiredOption('--tenant <tenant>', 'tenant the key belongs to')
    .option('--name <name>', 'a label for the key')
    .option('--rpm <n>', 'requests per minute for this key')
    .option('--tpm <n>', 'tokens per minute for this key')
    .option('--daily-tokens <n>', 'tokens per UTC day for this key')
    .option('--daily-cost <usd>', 'spend per UTC day for this key, in USD')
    .addOption(
      new Option(
        '--trust-client-roles <roles>',
        "system/developer messages this key sends: 'user' scans them as user text, 'system' trusts them " +
          '(default: the config’s trust_client_roles)',
      ).choices(['system', 'user']),
    )
    .addOption(
      new Option(
        '--spotlight <mode>',
        "how this key's rampart.untrusted messages are spotlighted (default: the config’s spotlight)",
      ).choices(['off', 'delimit', 'datamark', 'encode']),
    )
    .option('--config <file>', 'gateway config file (says where keys are stored)')
    .action(async (f: CreateFlags) => {
      const limits = limitsFrom(f);
      const { record, key } = await withStore(openKeyStore, f.config, (s) =>
        s.create(f.tenant, {
          ...(f.name !== undefined ? { name: f.name } : {}),
          ...(limits ? { limits } : {}),
          ...(f.trustClientRoles ? { trustClientRoles: f.trustClientRoles } : {}),
          ...(f.spotlight ? { spotlight: f.spotlight } : {}),
        }),
      );
      out(`id: ${record.id}`);
      out(`key: ${key}`);
      err('Store this key now: it is shown only this once and cannot be recovered.');
    });

  keys
    .command('list')
    .description('list keys (never their secrets)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--config <file>', 'gateway config file (says where keys are stored)')
    .action(async (f: { format: 'table' | 'json'; config?: string }) => {
      const records = await withStore(openKeyStore, f.config, (s) => s.list());
      const views = [];
      for (const r of records) views.push(publicView(r, await opts.usage?.(r, f.config)));
      if (f.format === 'json') {
        out(JSON.stringify(views, null, 2));
        return;
      }
      const head = ['ID', 'TENANT', 'NAME', 'STATUS', 'CREATED', 'LIMITS'];
      if (opts.usage) head.push('REQ/MIN', 'TOK/MIN', 'TOK/DAY', 'USD/DAY');
      const rows = views.map((v) => {
        const row = [v.id, v.tenant, v.name ?? '-', v.status, v.created_at, limitsText(v.limits)];
        if (opts.usage) {
          const u = v.usage;
          row.push(
            ...(u
              ? [u.requests_per_minute, u.tokens_per_minute, u.daily_tokens, u.daily_cost_usd].map(String)
              : ['-', '-', '-', '-']),
          );
        }
        return row;
      });
      out(rows.length ? table([head, ...rows]) : 'no keys');
    });

  keys
    .command('revoke')
    .description('revoke a key; running gateways refuse it within about a second')
    .argument('<id>', 'key id (the part after rk_)')
    .option('--config <file>', 'gateway config file (says where keys are stored)')
    .action(async (id: string, f: { config?: string }) => {
      const r = await withStore(openKeyStore, f.config, (s) => s.revoke(id));
      out(`revoked ${r.id} (${r.revoked_at ?? ''})`);
    });

  return keys;
}
