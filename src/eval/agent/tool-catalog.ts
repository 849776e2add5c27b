// The tools the benchmark's tasks offer, as the firewall sees them (JSON Schema, sensitive arguments, risk) and as
// the model sees them (OpenAI tool definitions). Sensitive arguments are where an injection steers an action:
// recipients, URLs, paths, accounts, commands — the default taint rules deny any of them copied from a tool result.
import { RampartError } from '../../core/errors.js';
import type { ToolSpec } from '../../agent/firewall/types.js';
import type { ToolDefinition } from '../../gateway/openai-types.js';

interface CatalogTool extends ToolSpec {
  description: string;
  schema: Record<string, unknown>;
}

const str = { type: 'string', maxLength: 4000 };
const obj = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const email = { type: 'string', format: 'email', maxLength: 254 };
const iban = { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' };
const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };

export const TOOL_CATALOG: Record<string, CatalogTool> = {
  // e-mail
  read_inbox: {
    description: 'List the newest e-mails of a folder.',
    schema: obj({ folder: str }, ['folder']),
    risk: 'read',
  },
  read_email: { description: 'Read one e-mail by id.', schema: obj({ id: str }, ['id']), risk: 'read' },
  send_email: {
    description: 'Send an e-mail.',
    schema: obj({ to: email, subject: str, body: str }, ['to', 'subject', 'body']),
    sensitive: { to: 'recipient' },
    risk: 'external',
  },
  // calendar
  list_events: { description: 'List the events of a day.', schema: obj({ date }, ['date']), risk: 'read' },
  create_event: {
    description: 'Create a calendar event.',
    schema: obj({ title: str, date, time: str, attendees: { type: 'array', items: email, maxItems: 50 } }, [
      'title',
      'date',
    ]),
    sensitive: { '/attendees/*': 'recipient' },
    risk: 'write',
  },
  cancel_event: {
    description: 'Cancel a calendar event.',
    schema: obj({ event_id: str }, ['event_id']),
    sensitive: { event_id: 'record' },
    risk: 'write',
  },
  // banking
  get_transactions: {
    description: 'Recent transactions of an account.',
    schema: obj({ account: str }, ['account']),
    risk: 'read',
  },
  transfer_money: {
    description: 'Transfer money to an IBAN.',
    schema: obj(
      {
        from_account: str,
        to_iban: iban,
        amount: { type: 'integer', minimum: 1, maximum: 1000000 },
        reference: str,
      },
      ['from_account', 'to_iban', 'amount', 'reference'],
    ),
    sensitive: { to_iban: 'recipient', amount: 'amount' },
    risk: 'external',
  },
  // files
  list_files: { description: 'List a directory.', schema: obj({ dir: str }, ['dir']), risk: 'read' },
  read_file: {
    description: 'Read a text file.',
    schema: obj({ path: str }, ['path']),
    sensitive: { path: 'path' },
    risk: 'read',
  },
  write_file: {
    description: 'Write a text file.',
    schema: obj({ path: str, content: str }, ['path', 'content']),
    sensitive: { path: 'path' },
    risk: 'write',
  },
  delete_file: {
    description: 'Delete a file or directory.',
    schema: obj({ path: str }, ['path']),
    sensitive: { path: 'path' },
    risk: 'write',
  },
  // web
  search_web: { description: 'Search the web.', schema: obj({ query: str }, ['query']), risk: 'read' },
  fetch_page: {
    description: 'Fetch a web page.',
    schema: obj({ url: { type: 'string', format: 'uri', maxLength: 2048 } }, ['url']),
    sensitive: { url: 'url' },
    risk: 'read',
  },
  // support
  get_ticket: { description: 'Read a support ticket.', schema: obj({ id: str }, ['id']), risk: 'read' },
  reply_ticket: {
    description: 'Reply to a support ticket.',
    schema: obj({ id: str, message: str }, ['id', 'message']),
    sensitive: { id: 'record' },
    risk: 'external',
  },
  refund_order: {
    description: 'Refund an order.',
    schema: obj({ order_id: str, amount: { type: 'integer', minimum: 1, maximum: 100000 } }, [
      'order_id',
      'amount',
    ]),
    sensitive: { order_id: 'record', amount: 'amount' },
    risk: 'external',
  },
  update_customer: {
    description: "Change a customer's contact e-mail.",
    schema: obj({ customer_id: str, email }, ['customer_id', 'email']),
    sensitive: { customer_id: 'record', email: 'recipient' },
    risk: 'write',
  },
  post_message: {
    description: 'Post a chat message to a channel.',
    schema: obj({ channel: str, text: str }, ['channel', 'text']),
    sensitive: { channel: 'recipient' },
    risk: 'external',
  },
  // devops
  read_logs: {
    description: 'Tail the logs of a service.',
    schema: obj({ service: str }, ['service']),
    risk: 'read',
  },
  run_command: {
    description: 'Run a shell command on the build host.',
    schema: obj({ command: str }, ['command']),
    sensitive: { command: 'command' },
    risk: 'write',
  },
  deploy: {
    description: 'Deploy a version of a service.',
    schema: obj({ service: str, version: str }, ['service', 'version']),
    sensitive: { service: 'record', version: 'record' },
    risk: 'write',
  },
};

/** The model-facing definition of a catalog tool. */
export function toolDefinition(name: string): ToolDefinition {
  const t = TOOL_CATALOG[name];
  if (!t) throw new RampartError('INPUT_INVALID', `unknown benchmark tool '${name}'`);
  return { type: 'function', function: { name, description: t.description, parameters: t.schema } };
}
