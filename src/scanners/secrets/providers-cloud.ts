// Cloud and infrastructure credentials recognisable by their own structure (prefix, alphabet, length).
// Every pattern starts with a literal or a left-boundary look-behind, so a long run of token characters is
// tried from one position only and the scan stays linear.
import { randomish, tokenRule, type SecretRule, type Verdict } from './rule.js';

const random = randomish(3);

// Bedrock long-term API keys are "ABSK" + base64 of "BedrockAPIKey-<id>:<secret>"; short-term keys are
// "bedrock-api-key-" + base64 of a presigned bedrock.amazonaws.com URL. Decoding says which it is.
function bedrock(v: string): Verdict {
  const long = v.startsWith('ABSK');
  const decoded = Buffer.from(v.slice(long ? 4 : 16), 'base64').toString('latin1');
  if (long && decoded.startsWith('BedrockAPIKey-'))
    return { score: 0.97, note: 'decodes to a Bedrock key id' };
  if (!long && decoded.includes('bedrock.amazonaws.com')) return { note: 'short-term presigned key' };
  return long && random(v);
}

export const CLOUD_RULES: readonly SecretRule[] = [
  tokenRule({
    id: 'aws-access-key-id',
    kind: 'aws_access_key',
    label: 'AWS access key ID',
    anchors: ['akia', 'asia', 'abia', 'acca'],
    // AKIA long-term, ASIA temporary (STS), ABIA/ACCA service-specific; 16 base32 characters follow.
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
    score: 0.95,
    check: (v) => (!random(v) ? false : v.startsWith('ASIA') ? { note: 'temporary STS credential' } : {}),
  }),
  tokenRule({
    id: 'google-api-key',
    kind: 'google_api_key',
    label: 'Google API key',
    anchors: ['aiza'],
    pattern: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'google-oauth-client-secret',
    kind: 'google_oauth_client_secret',
    label: 'Google OAuth client secret',
    anchors: ['gocspx-'],
    pattern: /(?<![\w-])GOCSPX-[\w-]{28}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'google-oauth-access-token',
    kind: 'google_oauth_token',
    label: 'Google OAuth access token',
    anchors: ['ya29.'],
    pattern: /(?<![\w.-])ya29\.[\w-]{30,2048}(?![\w-])/g,
    score: 0.9,
    check: random,
  }),
  tokenRule({
    id: 'azure-storage-account-key',
    kind: 'azure_storage_key',
    label: 'Azure storage account key',
    anchors: ['accountkey'],
    // 64 random bytes in base64 = 86 characters + '=='; usually inside a connection string.
    pattern: /(?<=AccountKey=)[A-Za-z0-9+/]{86}==/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'azure-shared-access-key',
    kind: 'azure_shared_access_key',
    label: 'Azure Service Bus / Event Hubs shared access key',
    anchors: ['sharedaccesskey'],
    pattern: /(?<=SharedAccessKey=)[A-Za-z0-9+/]{43}=/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'azure-ad-client-secret',
    kind: 'azure_client_secret',
    label: 'Microsoft Entra ID (Azure AD) client secret',
    anchors: ['q~'],
    // Current client secrets carry a 3-character id, a digit and the literal "Q~" before 31-34 characters.
    pattern: /(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g,
    score: 0.9,
    check: randomish(3.5),
  }),
  tokenRule({
    id: 'digitalocean-token',
    kind: 'digitalocean_token',
    label: 'DigitalOcean token',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /(?<![\w-])do[opr]_v1_[a-f0-9]{64}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'heroku-api-key',
    kind: 'heroku_api_key',
    label: 'Heroku API key',
    anchors: ['hrku-'],
    pattern: /(?<![\w-])HRKU-AA[\w-]{58}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'alibaba-access-key-id',
    kind: 'alibaba_access_key',
    label: 'Alibaba Cloud AccessKey ID',
    anchors: ['ltai'],
    pattern: /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])/g,
    score: 0.85,
    check: randomish(3.2),
  }),
  tokenRule({
    id: 'cloudflare-origin-ca-key',
    kind: 'cloudflare_origin_ca_key',
    label: 'Cloudflare Origin CA key',
    anchors: ['v1.0-'],
    pattern: /(?<![\w.-])v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'databricks-token',
    kind: 'databricks_token',
    label: 'Databricks personal access token',
    anchors: ['dapi'],
    pattern: /(?<![\w-])dapi[a-f0-9]{32}(?:-\d)?(?![\w-])/g,
    score: 0.9,
    check: random,
  }),
  tokenRule({
    id: 'terraform-cloud-token',
    kind: 'terraform_token',
    label: 'Terraform Cloud / HCP Terraform API token',
    anchors: ['.atlasv1.'],
    pattern: /(?<![\w.-])[a-z0-9]{14}\.atlasv1\.[\w=-]{60,70}(?![\w=-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'pulumi-token',
    kind: 'pulumi_token',
    label: 'Pulumi access token',
    anchors: ['pul-'],
    pattern: /(?<![\w-])pul-[a-f0-9]{40}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'vault-token',
    kind: 'vault_token',
    label: 'HashiCorp Vault token',
    anchors: ['hvs.', 'hvb.'],
    pattern: /(?<![\w.-])hv[sb]\.[\w-]{24,400}(?![\w-])/g,
    score: 0.93,
    check: randomish(3.5),
  }),
  tokenRule({
    id: 'doppler-token',
    kind: 'doppler_token',
    label: 'Doppler token',
    anchors: ['dp.'],
    pattern: /(?<![\w.-])dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'tailscale-key',
    kind: 'tailscale_key',
    label: 'Tailscale key',
    anchors: ['tskey-'],
    pattern: /(?<![\w-])tskey-[a-z]{3,10}-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'age-secret-key',
    kind: 'age_secret_key',
    label: 'age encryption secret key',
    anchors: ['age-secret-key-1'],
    // Bech32: 58 characters of the bech32 alphabet after the human-readable part.
    pattern: /(?<![\w-])AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'supabase-token',
    kind: 'supabase_token',
    label: 'Supabase access token',
    anchors: ['sbp_'],
    pattern: /(?<![\w-])sbp_[a-f0-9]{40}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'planetscale-token',
    kind: 'planetscale_token',
    label: 'PlanetScale token or password',
    anchors: ['pscale_'],
    pattern: /(?<![\w-])pscale_(?:tkn|pw|oauth)_[\w.-]{32,64}(?![\w.-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'aws-bedrock-api-key',
    kind: 'aws_bedrock_api_key',
    label: 'Amazon Bedrock API key',
    anchors: ['absk', 'bedrock-api-key-'],
    pattern: /(?<![A-Za-z0-9+/-])(?:ABSK|bedrock-api-key-)[A-Za-z0-9+/]{60,2048}={0,2}(?![A-Za-z0-9+/=])/g,
    score: 0.9,
    check: bedrock,
  }),
];
