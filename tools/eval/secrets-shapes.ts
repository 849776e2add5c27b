// Synthetic secret rows generated here, in the repository: the credential formats and carriers added
// after ../shared/data/secrets/secrets.jsonl was built (issue 16). Same row shape as that file. Every
// value is drawn from a seeded generator following the vendor's documented shape; none is a real
// credential, and nothing is copied from another scanner's fixtures.
//
// Positives mark the secret's span (for URLs and curl -u: the password alone, so `whole` in the report
// says whether any character of it would be left in clear). Negatives are near misses of the same shapes:
// placeholders, truncated or fake-looking values, and URLs whose '@' is not a password's end.
import type { GoldSpan, Row } from './secrets.js';

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DG = '0123456789';
const AN = UP + LO + DG;
const HEX = '0123456789abcdef';
const B64 = `${AN}+/`;
// Characters people put in passwords that a URL would need percent-encoded.
const URL_SPECIALS = '#@/?!*%$&';

type Gen = () => number;

function prng(seed: number): Gen {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

interface Source {
  type: string;
  value: () => string;
  /** `{S}` marks the secret. */
  carriers: readonly string[];
  /** The part of the rendered value that is the gold span (default: all of it). */
  gold?: (value: string) => [number, number];
}

export interface ShapeRows {
  rows: Array<{ line: number; row: Row }>;
}

/** The rows, deterministic for a seed. */
export function secretShapeRows(seed = 0x16_5ec7, perType = 60, negatives = 240): ShapeRows {
  const rnd = prng(seed);
  const ri = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[ri(xs.length)]!;
  const rs = (alphabet: string, n: number): string =>
    Array.from({ length: n }, () => alphabet[ri(alphabet.length)]).join('');
  const b64 = (s: string): string => Buffer.from(s).toString('base64');

  const urlPassword = (): string => {
    // At least one character a URL parser would stop at, somewhere in the middle.
    const p = rs(AN + URL_SPECIALS, 10 + ri(14));
    const at = 1 + ri(p.length - 2);
    return p.slice(0, at) + pick([...'#@/?']) + p.slice(at);
  };
  const afterColon = (v: string): [number, number] => [
    v.indexOf(':', v.indexOf('://') + 3) + 1,
    v.lastIndexOf('@'),
  ];

  const sources: Source[] = [
    {
      type: 'META_ACCESS_TOKEN',
      value: () => `EAA${pick(['B', 'G', 'C', 'I', 'J', 'M'])}${rs(AN, 140 + ri(90))}`,
      carriers: [
        'FB_ACCESS_TOKEN={S}',
        'curl -G "https://graph.facebook.com/v19.0/me/accounts" -d "access_token={S}"',
        'const PAGE_TOKEN = "{S}";',
        "Here's the page token: {S} but the Graph API says the session expired, why?",
      ],
    },
    {
      type: 'ONEPASSWORD_SERVICE_ACCOUNT_TOKEN',
      value: () =>
        `ops_${b64(
          JSON.stringify({
            signInAddress: `${rs(LO, 8)}.1password.example`,
            userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: rs(AN, 22) },
            email: `${rs(LO + DG, 13)}@serviceaccounts.example`,
            srpX: rs(HEX, 64),
            muk: { alg: 'A256GCM', ext: true, k: rs(AN, 43), key_ops: ['encrypt', 'decrypt'], kty: 'oct' },
            secretKey: `A3-${rs(UP + DG, 6)}-${rs(UP + DG, 6)}-${rs(UP + DG, 5)}`,
            deviceUuid: rs(LO + DG, 26),
          }),
        )}`,
      carriers: [
        'export OP_SERVICE_ACCOUNT_TOKEN={S}',
        'env:\n  OP_SERVICE_ACCOUNT_TOKEN: {S}\n  OP_VAULT: ci',
        'op read "op://ci/db/password" # with OP_SERVICE_ACCOUNT_TOKEN={S}',
      ],
    },
    {
      type: 'SOURCEGRAPH_TOKEN',
      value: () =>
        pick([
          () => `sgp_${rs(HEX, 40)}`,
          () => `sgp_${rs(HEX, 16)}_${rs(HEX, 40)}`,
          () => `sgp_local_${rs(HEX, 40)}`,
        ])(),
      carriers: [
        'SRC_ACCESS_TOKEN={S}',
        'curl -H "Authorization: token {S}" -d \'{"query":"{ currentUser { username } }"}\' https://sourcegraph.example.test/.api/graphql',
        'src login https://sourcegraph.example.test --token {S}',
      ],
    },
    {
      type: 'AWS_BEDROCK_API_KEY',
      value: () =>
        pick([
          () => `ABSK${b64(`BedrockAPIKey-${rs(LO + DG, 4)}-at-${rs(DG, 12)}:${rs(B64, 40 + ri(20))}`)}`,
          () =>
            `bedrock-api-key-${b64(
              `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${rs(UP + '234567', 16)}%2F20260101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=${rs(AN, 200)}&X-Amz-Signature=${rs(HEX, 64)}&X-Amz-SignedHeaders=host&Version=1`,
            )}`,
        ])(),
      carriers: [
        'export AWS_BEARER_TOKEN_BEDROCK={S}',
        'curl -H "Authorization: Bearer {S}" https://bedrock-runtime.us-east-1.amazonaws.com/model/m/converse',
        'os.environ["AWS_BEARER_TOKEN_BEDROCK"] = "{S}"',
      ],
    },
    {
      type: 'SLACK_WEBHOOK',
      value: () =>
        pick([
          () =>
            `https://hooks.slack.com/workflows/T${rs(UP + DG, 10)}/A${rs(UP + DG, 10)}/${rs(DG, 18)}/${rs(AN, 24)}`,
          () => `https://hooks.slack.com/triggers/T${rs(UP + DG, 10)}/${rs(DG, 13)}/${rs(HEX, 32)}`,
          () => `https://hooks.slack.com/services/T${rs(UP + DG, 10)}/B${rs(UP + DG, 10)}/${rs(AN, 24)}`,
        ])(),
      carriers: [
        'SLACK_WEBHOOK_URL={S}',
        'curl -X POST -H "Content-type: application/json" --data \'{"text":"deploy done"}\' {S}',
        'webhook: "{S}"',
      ],
    },
    {
      type: 'AUTHORIZATION_TOKEN',
      value: () =>
        pick([() => rs(HEX, 40), () => rs(AN, 32), () => `dt0c01.${rs(UP + DG, 24)}.${rs(UP + DG, 64)}`])(),
      carriers: [
        'curl -H "Authorization: Token {S}" https://api.example.test/v1/projects',
        "curl -H 'Authorization: Api-Token {S}' https://tenant.live.example.test/api/v2/metrics",
        'requests.get(url, headers={"Authorization": "{S}"})',
        'curl https://api.example.test/v2/items -H "Authorization: {S}"',
      ],
    },
    {
      type: 'PASSWORD',
      value: () => rs(`${AN}!#%&*@`, 12 + ri(12)),
      carriers: [
        'curl -u deploy:{S} https://api.example.test/v1/items',
        "curl --user 'ci-bot:{S}' -X POST https://ci.example.test/job/build",
        'curl -X POST \\\n  -u admin:{S} \\\n  -d @payload.json \\\n  https://api.example.test/v1/import',
      ],
    },
    {
      type: 'DB_CONNECTION_STRING',
      value: () =>
        `${pick(['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'amqp'])}://${pick(['admin', 'app', 'svc_api', ''])}:${urlPassword()}@${pick(['db.internal.example:5432/prod', '10.0.3.12:3306/orders', 'cluster0.example.test/orders?retryWrites=true', 'localhost:6379', 'rabbit:5672/vhost'])}`,
      gold: afterColon,
      carriers: [
        'DATABASE_URL={S}',
        'DATABASE_URL="{S}"',
        'engine = create_engine("{S}")',
        'It fails to connect with {S} since this morning, any idea?',
        '{"url": "{S}", "pool": 5}',
      ],
    },
  ];

  const wrappers: ReadonlyArray<(t: string) => string> = [
    (t) => t,
    (t) => `# staging\n${t}\n# end`,
    (t) => `The call returns 401. This is what I ran:\n\n${t}\n\nWhat am I missing?`,
    (t) => `\`\`\`\n${t}\n\`\`\``,
    (t) => `[tool output] read_file(".env") ->\n${t}`,
  ];

  const rows: Array<{ line: number; row: Row }> = [];
  const seen = new Set<string>();
  const push = (row: Row): void => {
    if (seen.has(row.text)) return;
    seen.add(row.text);
    rows.push({ line: rows.length + 1, row });
  };

  for (const src of sources) {
    for (let n = 0; n < perType; n++) {
      const value = src.value();
      const carrier = pick(src.carriers);
      // JSON carriers hold the value escaped, like any JSON document would.
      const written = carrier.startsWith('{"') ? JSON.stringify(value).slice(1, -1) : value;
      const [a, b] = src.gold ? src.gold(written) : [0, written.length];
      const wrapped = pick(wrappers)(carrier.replace('{S}', '\u0000'));
      const at = wrapped.indexOf('\u0000');
      const secrets: GoldSpan[] = [{ type: src.type, start: at + a, end: at + b }];
      push({ text: wrapped.replace('\u0000', () => written), label: 'secret', secrets, kind: src.type });
    }
  }

  const negs: ReadonlyArray<() => string> = [
    () => 'curl -u deploy https://api.example.test/v1/items',
    () => 'curl -u "$API_USER:$API_PASSWORD" https://api.example.test',
    () => `tar -u admin:${rs(LO, 6)}.tar -f backup.tar`,
    () => `curl -A 'agent:${rs(LO, 6)}' https://example.test`,
    () =>
      pick([
        'Authorization: Token <your-token>',
        'Authorization: Token ${SRC_ACCESS_TOKEN}',
        'Authorization: Api-Token YOUR_API_TOKEN_HERE',
      ]),
    () => 'The Authorization: header carries the credential; see-the-documentation-for-details.',
    () => 'FB_ACCESS_TOKEN=EAAabc123xyz456abc123xyz456abc123xyz456abc123',
    () => `EAA${rs(AN, 12)} is too short to be a token`,
    () => `<img src="data:image/png;base64,iVBORw0KGgo/EAA${rs(B64, 200)}=">`,
    () => `sgp_${rs(HEX, 39)}`,
    () => `SRC_ACCESS_TOKEN=sgp_${'deadbeef'.repeat(5)}`,
    () => 'Sourcegraph tokens start with sgp_ and 1Password service account tokens with ops_eyJ.',
    () => `ABSK${rs(B64, 20)}`,
    () => 'https://hooks.slack.com/workflows/T00000000/A00000000/000000000000000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    () => 'SLACK_WEBHOOK_URL=https://hooks.slack.com/triggers/...',
    () =>
      pick([
        'http://localhost:3000/@scope/pkg',
        'https://mastodon.example/@alice',
        'http://example.test:8080/users/@bob',
      ]),
    () => 'git clone ssh://git@git.example.test:22/org/repo.git',
    () => 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app',
    () => 'DATABASE_URL=postgres://localhost:5432/app?sslmode=require',
    () => `https://example.test/login?next=/account&email=${rs(LO, 6)}@example.com`,
  ];
  for (let n = 0; n < negatives; n++)
    push({ text: negs[n % negs.length]!(), label: 'benign', secrets: [], kind: 'hard_negative' });
  for (const { row } of rows)
    for (const s of row.secrets)
      if (!(s.start >= 0 && s.end <= row.text.length && s.end > s.start)) throw new Error('bad span');
  return { rows };
}
