// SaaS and AI-provider credentials: messaging, payments, e-mail, LLM APIs, chat bots.
import { charClassCount } from './entropy.js';
import { randomish, tokenRule, type SecretRule, type Verdict } from './rule.js';

const random = randomish(3);

function decodeBase64Url(s: string): string {
  return Buffer.from(s, 'base64url').toString('utf8');
}

// A Discord bot token's first part is the bot's numeric user id (a snowflake) in base64.
function discordBot(v: string): Verdict {
  const id = decodeBase64Url(v.slice(0, v.indexOf('.')));
  return /^\d{17,20}$/.test(id) ? random(v) : false;
}

// Mapbox secret tokens are "sk." + a base64url JSON object naming the user ("u") + "." + a signature.
function mapboxSecret(v: string): Verdict {
  const body = v.slice(3, v.indexOf('.', 3));
  try {
    const o: unknown = JSON.parse(decodeBase64Url(body));
    return typeof o === 'object' && o !== null && 'u' in o ? {} : false;
  } catch {
    return false;
  }
}

// OpenAI keys: legacy and project keys embed "T3BlbkFJ" (base64 of "OpenAI"); project, service-account
// and admin keys are recognisable by their sub-prefix. A bare "sk-" + random is too common elsewhere.
function openai(v: string): Verdict {
  if (v.startsWith('sk-ant-')) return false;
  if (v.includes('T3BlbkFJ')) return random(v) && { score: 0.97, note: 'OpenAI marker present' };
  return /^sk-(?:proj|svcacct|admin)-[\w-]{40}/.test(v) ? random(v) : false;
}

export const SAAS_RULES: readonly SecretRule[] = [
  tokenRule({
    id: 'slack-token',
    kind: 'slack_token',
    label: 'Slack token',
    anchors: ['xox'],
    pattern: /(?<![\w-])xox[abposr]-(?:\d{6,14}-){1,3}[A-Za-z0-9]{24,40}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'slack-app-token',
    kind: 'slack_token',
    label: 'Slack app-level token',
    anchors: ['xapp-'],
    pattern: /(?<![\w-])xapp-\d-[A-Z0-9]{9,12}-\d{10,14}-[a-f0-9]{40,64}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'slack-webhook',
    kind: 'slack_webhook',
    label: 'Slack incoming webhook URL',
    anchors: ['hooks.slack.com'],
    pattern:
      /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}(?![A-Za-z0-9])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'slack-workflow-webhook',
    kind: 'slack_webhook',
    label: 'Slack workflow webhook URL',
    anchors: ['hooks.slack.com'],
    // Workflow Builder triggers: /workflows/T…/A…/<id>/<secret> (older) and /triggers/T…/<id>/<secret>.
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:workflows\/T[A-Z0-9]{8,12}\/A[A-Z0-9]{8,12}|triggers\/T[A-Z0-9]{8,12})\/\d{8,20}\/[A-Za-z0-9]{24,40}(?![A-Za-z0-9])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'stripe-secret-key',
    kind: 'stripe_key',
    label: 'Stripe secret or restricted key',
    anchors: ['sk_', 'rk_'],
    pattern: /(?<![\w-])[sr]k_(?:live|test)_[A-Za-z0-9]{24,247}(?![\w-])/g,
    score: 0.95,
    // Test-mode keys cannot move money but do expose test data and account settings.
    check: (v) => random(v) && (v.includes('_test_') ? { score: 0.85, note: 'test mode' } : {}),
  }),
  tokenRule({
    id: 'stripe-publishable-key',
    kind: 'stripe_publishable_key',
    label: 'Stripe publishable key',
    anchors: ['pk_'],
    // Publishable keys are designed to be embedded in web pages; reported only with allowPublishable: false.
    pattern: /(?<![\w-])pk_live_[A-Za-z0-9]{24,247}(?![\w-])/g,
    score: 0.5,
    check: (v, o) => !o.allowPublishable && random(v),
  }),
  tokenRule({
    id: 'stripe-webhook-secret',
    kind: 'stripe_webhook_secret',
    label: 'Stripe webhook signing secret',
    anchors: ['whsec_'],
    pattern: /(?<![\w-])whsec_[A-Za-z0-9+/]{32,64}={0,2}(?![\w+/=-])/g,
    score: 0.93,
    check: random,
  }),
  tokenRule({
    id: 'twilio-api-key',
    kind: 'twilio_api_key',
    label: 'Twilio API key SID',
    anchors: ['sk'],
    pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g,
    score: 0.85,
    check: random,
  }),
  tokenRule({
    id: 'sendgrid-api-key',
    kind: 'sendgrid_key',
    label: 'SendGrid API key',
    anchors: ['sg.'],
    pattern: /(?<![\w.-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'mailgun-api-key',
    kind: 'mailgun_key',
    label: 'Mailgun API key',
    anchors: ['key-'],
    pattern: /(?<![\w-])key-[0-9a-f]{32}(?![\w-])/g,
    score: 0.85,
    check: random,
  }),
  tokenRule({
    id: 'mailchimp-api-key',
    kind: 'mailchimp_key',
    label: 'Mailchimp API key',
    anchors: ['-us'],
    pattern: /(?<![\w-])[0-9a-f]{32}-us\d{1,2}(?![\w-])/g,
    score: 0.9,
    check: random,
  }),
  tokenRule({
    id: 'brevo-api-key',
    kind: 'brevo_key',
    label: 'Brevo (Sendinblue) API key',
    anchors: ['xkeysib-'],
    pattern: /(?<![\w-])xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'openai-api-key',
    kind: 'openai_key',
    label: 'OpenAI API key',
    anchors: ['sk-'],
    pattern: /(?<![\w-])sk-[\w-]{20,250}(?![\w-])/g,
    score: 0.95,
    check: openai,
  }),
  tokenRule({
    id: 'anthropic-api-key',
    kind: 'anthropic_key',
    label: 'Anthropic API key',
    anchors: ['sk-'],
    pattern: /(?<![\w-])sk-ant-(?:api|admin|sid)\d{2}-[\w-]{80,120}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'huggingface-token',
    kind: 'huggingface_token',
    label: 'Hugging Face access token',
    anchors: ['hf_', 'api_org_'],
    pattern: /(?<![\w-])(?:hf|api_org)_[A-Za-z]{34}(?![\w-])/g,
    score: 0.9,
    check: randomish(3.5),
  }),
  tokenRule({
    id: 'groq-api-key',
    kind: 'groq_key',
    label: 'Groq API key',
    anchors: ['gsk_'],
    pattern: /(?<![\w-])gsk_[A-Za-z0-9]{52}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'replicate-api-token',
    kind: 'replicate_token',
    label: 'Replicate API token',
    anchors: ['r8_'],
    pattern: /(?<![\w-])r8_[A-Za-z0-9]{37}(?![\w-])/g,
    score: 0.93,
    check: random,
  }),
  tokenRule({
    id: 'xai-api-key',
    kind: 'xai_key',
    label: 'xAI API key',
    anchors: ['xai-'],
    pattern: /(?<![\w-])xai-[A-Za-z0-9]{80}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'square-token',
    kind: 'square_token',
    label: 'Square access token or OAuth secret',
    anchors: ['eaaa', 'sq0atp-', 'sq0csp-'],
    pattern: /(?<![\w-])(?:EAAA[\w-]{60}|sq0atp-[\w-]{22}|sq0csp-[\w-]{43})(?![\w-])/g,
    score: 0.9,
    check: random,
  }),
  tokenRule({
    id: 'discord-webhook',
    kind: 'discord_webhook',
    label: 'Discord webhook URL',
    anchors: ['discord'],
    pattern:
      /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[\w-]{60,68}(?![\w-])/g,
    score: 0.97,
    check: random,
  }),
  tokenRule({
    id: 'discord-bot-token',
    kind: 'discord_bot_token',
    label: 'Discord bot token',
    anchors: ['discord'],
    pattern: /(?<![\w.-])[MNO][\w-]{23,25}\.[\w-]{6}\.[\w-]{27,38}(?![\w.-])/g,
    score: 0.9,
    check: discordBot,
  }),
  tokenRule({
    id: 'telegram-bot-token',
    kind: 'telegram_bot_token',
    label: 'Telegram bot token',
    anchors: [':aa'],
    pattern: /(?<![\w:])\d{8,10}:AA[\w-]{33}(?![\w-])/g,
    score: 0.9,
    check: random,
  }),
  tokenRule({
    id: 'mapbox-secret-token',
    kind: 'mapbox_token',
    label: 'Mapbox secret token',
    anchors: ['sk.eyj'],
    pattern: /(?<![\w.-])sk\.eyJ[\w-]{10,400}\.[\w-]{20,40}(?![\w.-])/g,
    score: 0.95,
    check: mapboxSecret,
  }),
  tokenRule({
    id: 'teams-webhook',
    kind: 'teams_webhook',
    label: 'Microsoft Teams incoming webhook URL',
    anchors: ['webhook.office.com'],
    pattern:
      /https:\/\/[\w-]{1,63}\.webhook\.office\.com\/webhookb2\/[\w@-]{36,90}\/IncomingWebhook\/[a-f0-9]{32}\/[\w-]{36}(?![\w-])/g,
    score: 0.95,
    check: random,
  }),
  tokenRule({
    id: 'meta-access-token',
    kind: 'meta_access_token',
    label: 'Meta (Facebook, Instagram, WhatsApp) access token',
    anchors: ['eaa'],
    // Graph API user, page and system-user tokens: "EAA" + alphanumerics (usually 100-250 in all).
    // Not inside a base64 run; Square's EAAA tokens (with '-' and '_') keep their own rule and win a tie.
    pattern: /(?<![A-Za-z0-9+/])EAA[A-Za-z0-9]{20,400}(?![A-Za-z0-9+/=_-])/g,
    score: 0.88,
    check: (v) => (charClassCount(v) === 3 ? randomish(3.5)(v) : false),
  }),
  tokenRule({
    id: '1password-service-account-token',
    kind: 'onepassword_service_account_token',
    label: '1Password service account token',
    anchors: ['ops_eyj'],
    // "ops_" + base64 of a JSON object ("eyJ" is '{"') holding the account address and its keys.
    pattern: /(?<![\w-])ops_eyJ[A-Za-z0-9+/_-]{60,4096}={0,2}(?![\w+/=-])/g,
    score: 0.95,
    check: random,
  }),
];
