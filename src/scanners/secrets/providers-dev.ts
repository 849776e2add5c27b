// Developer-platform credentials: code hosting, package registries, CI, observability, project tools.
import { hasCrc32Base62Checksum } from './checksum.js';
import { randomish, tokenRule, type SecretRule } from './rule.js';

const random = randomish(3);

export const DEV_RULES: readonly SecretRule[] = [
  tokenRule({
    id: 'github-token',
    kind: 'github_token',
    label: 'GitHub token',
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /(?<![\w-])gh[pousr]_[A-Za-z0-9]{36}(?![\w-])/g,
    score: 0.99,
    // Every prefixed GitHub token ends in a CRC32 checksum of its random part: a look-alike that fails
    // it cannot authenticate, so it is not reported at all.
    check: (v) =>
      hasCrc32Base62Checksum(v) ? { note: 'checksum valid', signals: ['checksum-valid'] } : 'veto',
  }),
  tokenRule({
    id: 'github-fine-grained-pat',
    kind: 'github_fine_grained_pat',
    label: 'GitHub fine-grained personal access token',
    anchors: ['github_pat_'],
    pattern: /(?<![\w-])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'gitlab-token',
    kind: 'gitlab_token',
    label: 'GitLab token',
    anchors: ['glpat-', 'glptt-', 'glrt-', 'gldt-', 'glft-', 'glsoat-', 'glcbt-', 'gloas-'],
    pattern: /(?<![\w-])gl(?:pat|ptt|rt|dt|ft|soat|cbt|oas)-[\w-]{20,300}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'gitlab-runner-registration-token',
    kind: 'gitlab_token',
    label: 'GitLab runner registration token',
    anchors: ['gr1348941'],
    pattern: /(?<![\w-])GR1348941[\w-]{20}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'npm-token',
    kind: 'npm_token',
    label: 'npm access token',
    anchors: ['npm_'],
    pattern: /(?<![\w-])npm_[A-Za-z0-9]{36}(?![\w-])/g,
    score: 0.92,
    // npm adopted GitHub's token format; the checksum raises confidence, but npm never documented it as a
    // guarantee, so a token without it is still reported.
    check: (v) =>
      hasCrc32Base62Checksum(v)
        ? { score: 0.99, note: 'checksum valid', signals: ['checksum-valid'] }
        : random(v) && { note: 'checksum not verified' },
  }),
  tokenRule({
    id: 'pypi-token',
    kind: 'pypi_token',
    label: 'PyPI API token',
    anchors: ['pypi-ag'],
    // A macaroon whose first caveat names pypi.org (or test.pypi.org), base64url-encoded.
    pattern: /(?<![\w-])pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[\w-]{50,1000}(?![\w-])/g,
    score: 0.99,
    check: random,
  }),
  tokenRule({
    id: 'docker-hub-token',
    kind: 'docker_hub_token',
    label: 'Docker Hub access token',
    anchors: ['dckr_'],
    pattern: /(?<![\w-])dckr_(?:pat|oat)_[\w-]{27,60}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'postman-api-key',
    kind: 'postman_api_key',
    label: 'Postman API key',
    anchors: ['pmak-'],
    pattern: /(?<![\w-])PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'sentry-token',
    kind: 'sentry_token',
    label: 'Sentry auth token',
    anchors: ['sntrys_', 'sntryu_'],
    pattern: /(?<![\w-])(?:sntrys_eyJ[A-Za-z0-9+/=_]{50,800}|sntryu_[a-f0-9]{64})(?![\w+/=-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'grafana-token',
    kind: 'grafana_token',
    label: 'Grafana token',
    anchors: ['glc_', 'glsa_'],
    pattern: /(?<![\w-])(?:glc_eyJ[A-Za-z0-9+/=_]{60,800}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})(?![\w+/=-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'linear-api-key',
    kind: 'linear_api_key',
    label: 'Linear API key',
    anchors: ['lin_api_'],
    pattern: /(?<![\w-])lin_api_[A-Za-z0-9]{40}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'figma-token',
    kind: 'figma_token',
    label: 'Figma personal access token',
    anchors: ['figd_'],
    pattern: /(?<![\w-])figd_[\w-]{38,64}(?![\w-])/g,
    score: 0.93,
    check: random,
  }),
  tokenRule({
    id: 'atlassian-api-token',
    kind: 'atlassian_api_token',
    label: 'Atlassian API token',
    anchors: ['atatt3'],
    pattern: /(?<![\w-])ATATT3[\w=-]{186}(?![\w=-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'shopify-token',
    kind: 'shopify_token',
    label: 'Shopify access token or shared secret',
    anchors: ['shpat_', 'shpss_', 'shpca_', 'shppa_'],
    pattern: /(?<![\w-])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'notion-token',
    kind: 'notion_token',
    label: 'Notion integration token',
    anchors: ['ntn_', 'secret'],
    // ntn_ is the current prefix; secret_ + 43 is the older one, gated harder because "secret_" is a word.
    pattern: /(?<![\w-])(?:ntn_\d{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![\w-])/g,
    score: 0.9,
    check: (v) => (v.startsWith('ntn_') ? random(v) : randomish(4.2)(v)),
  }),
  tokenRule({
    id: 'new-relic-key',
    kind: 'new_relic_key',
    label: 'New Relic key',
    anchors: ['nrak-', 'nrii-', 'nral'],
    pattern: /(?<![\w-])(?:NRAK-[A-Z0-9]{27}|NRII-[\w-]{32}|[a-f0-9]{36}NRAL)(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'airtable-token',
    kind: 'airtable_token',
    label: 'Airtable personal access token',
    anchors: ['pat'],
    pattern: /(?<![\w.-])pat[A-Za-z0-9]{14}\.[a-f0-9]{64}(?![\w.-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'sourcegraph-token',
    kind: 'sourcegraph_token',
    label: 'Sourcegraph access token',
    anchors: ['sgp_'],
    // sgp_ + 40 hex (older), sgp_<16-hex instance id>_<40 hex>, or sgp_local_<40 hex>.
    pattern: /(?<![\w-])sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
];
