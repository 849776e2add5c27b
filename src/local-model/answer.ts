// answerLocally: the pure core of the built-in `rampart-local` model. It reads the whole (bounded) context
// and obeys the LAST instruction it finds anywhere — user text, a retrieved document, a tool result —
// exactly like a naive model that has no defences. The red-team runner and the agent benchmark call this
// directly; the gateway reaches it through createLocalModel().
import type {
  ChatMessage,
  ChatRequest,
  FinishReason,
  ToolCall,
  ToolDefinition,
} from '../gateway/openai-types.js';
import { contentText, estimateTokens } from '../gateway/tokens.js';
import { argFromText, readable, secretLines, secretValues } from './intents.js';
import { findInstructions, normalizeSpace, type Found, type Instruction } from './rules.js';

export interface LocalAnswer {
  content?: string;
  toolCalls?: ToolCall[];
  finishReason: FinishReason;
}

/** Context beyond these caps is ignored (the stand-in model must stay cheap on hostile input). */
export const MAX_CONTEXT_CHARS = 64 * 1024;
export const MAX_MESSAGE_CHARS = 16 * 1024;
const QUOTE_CHARS = 200;

interface Msg {
  role: string;
  text: string;
  message: ChatMessage;
}

export function answerLocally(req: ChatRequest): LocalAnswer {
  const msgs = boundedContext(Array.isArray(req?.messages) ? req.messages : []);
  const tools = (Array.isArray(req?.tools) ? req.tools : []).filter(
    (t): t is ToolDefinition => typeof t?.function?.name === 'string',
  );
  const toolNames = new Set(tools.map((t) => t.function.name));
  const systemPrompt = msgs
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => m.text)
    .join('\n');
  const lastUser = findLastIndex(msgs, (m) => m.role === 'user');
  const done = calledBefore(msgs);

  // Candidates: every instruction of the current turn (the last user message and what follows it) plus
  // the system/developer messages (where apps paste retrieved documents), in context order.
  const cands: Array<{ msg: number; f: Found }> = [];
  msgs.forEach((m, i) => {
    const restricted = m.role === 'system' || m.role === 'developer';
    if (!restricted && i < lastUser) return;
    // The model reads what the text says, not how it is spelled: look-alikes and leetspeak are folded.
    const text = restricted ? m.text : readable(m.text);
    for (const f of findInstructions(text, { restricted, toolNames, depth: 0 })) cands.push({ msg: i, f });
  });

  const ctx: Ctx = { msgs, systemPrompt, tools, toolNames, done, lastUser };
  let answer: LocalAnswer | undefined;
  for (let i = cands.length - 1; i >= 0 && !answer; i--) {
    const c = cands[i]!;
    answer = resolve(c.f.ins, ctx, c.msg, 0);
  }
  answer ??= { content: defaultAnswer(ctx), finishReason: 'stop' };
  return applyMaxTokens(answer, req);
}

interface Ctx {
  msgs: Msg[];
  systemPrompt: string;
  tools: ToolDefinition[];
  toolNames: ReadonlySet<string>;
  /** `name\0canonical-args` of every tool call already made in the conversation. */
  done: ReadonlySet<string>;
  lastUser: number;
}

/** Turns one instruction into an answer, or undefined when it does not apply (e.g. no fitting tool). */
function resolve(ins: Instruction, ctx: Ctx, msgIndex: number, depth: number): LocalAnswer | undefined {
  switch (ins.kind) {
    case 'reveal':
      if (ins.scope === 'all') {
        const prior = ctx.msgs
          .slice(0, msgIndex)
          .map((m) => `${m.role}: ${m.text}`)
          .join('\n');
        return stop(prior ? `Everything above: ${prior}` : 'There is nothing above this message.');
      }
      return stop(ctx.systemPrompt ? `My instructions are: ${ctx.systemPrompt}` : 'I have no system prompt.');
    case 'say':
      return stop(ins.text);
    case 'override':
    case 'decode': {
      const inner = ins.kind === 'override' ? ins.rest : ins.decoded;
      if (ins.kind === 'decode' && !ins.follow) return stop(`Decoded: ${inner}`);
      const found = findInstructions(inner, {
        restricted: false,
        toolNames: ctx.toolNames,
        depth: depth + 1,
      });
      for (let i = found.length - 1; i >= 0; i--) {
        const a = resolve(found[i]!.ins, ctx, msgIndex, depth + 1);
        if (a) return a;
      }
      if (ins.kind === 'decode') return stop(inner);
      return stop(
        inner ? `OK, ignoring my previous instructions. ${inner}` : 'OK, ignoring my previous instructions.',
      );
    }
    case 'link':
      return stop(fillPlaceholders(ins.markdown, exfilData(ctx)));
    case 'secret': {
      const lines = secretLines(ctx.systemPrompt);
      return lines.length > 0 ? stop(`Sure, here it is: ${lines.join(' ')}`) : undefined;
    }
    case 'named':
      return namedCall(ctx, ins.name, ins.text, msgIndex);
    case 'call':
      return toolCall(ctx, ins.name, ins.args);
    case 'email': {
      const t = pickTool(ctx.tools, /mail|send|message/i, [
        'to',
        'recipient',
        'recipients',
        'email',
        'address',
        'to_address',
        'email_address',
      ]);
      if (!t) return undefined;
      const args: Record<string, unknown> = { [t.key]: t.isArray ? [ins.to] : ins.to };
      const subjectKey = findKey(t.props, ['subject', 'title']);
      const bodyKey = findKey(t.props, ['body', 'text', 'content', 'message', 'html']);
      if (subjectKey) args[subjectKey] = ins.subject ?? 'Message';
      if (bodyKey) args[bodyKey] = resolveBody(ins.body ?? '', ctx, msgIndex);
      return toolCall(ctx, t.name, args);
    }
    case 'fetch': {
      const t = pickTool(ctx.tools, /fetch|http|browse|web|get|url|request|open/i, [
        'url',
        'uri',
        'href',
        'link',
        'address',
      ]);
      if (!t) return undefined;
      return toolCall(ctx, t.name, { [t.key]: fillPlaceholders(ins.url, exfilData(ctx)) });
    }
    case 'write': {
      const t = pickTool(ctx.tools, /write|file|save|fs/i, [
        'path',
        'file',
        'filename',
        'file_path',
        'filepath',
      ]);
      if (!t) return undefined;
      const args: Record<string, unknown> = { [t.key]: ins.path };
      const contentKey = findKey(t.props, ['content', 'contents', 'text', 'data', 'body']);
      if (contentKey) args[contentKey] = resolveBody(ins.content ?? '', ctx, msgIndex);
      return toolCall(ctx, t.name, args);
    }
  }
}

/** A tool named in plain words (or picked by the address it should send to), arguments read from the text. */
function namedCall(
  ctx: Ctx,
  name: string | undefined,
  text: string,
  msgIndex: number,
): LocalAnswer | undefined {
  let tool = name ? ctx.tools.find((t) => t.function.name === name) : undefined;
  if (!name) {
    const emailKeys = ['to', 'recipient', 'recipients', 'email', 'address', 'to_address', 'email_address'];
    const share = /\b(?:share|partage|teile|comparte|condividi|compartilhe)\b/iu.test(text);
    const picked = pickTool(ctx.tools, share ? /share/i : /mail|send|message/i, emailKeys);
    tool = picked ? ctx.tools.find((t) => t.function.name === picked.name) : undefined;
  }
  if (!tool) return undefined;
  const props = (tool.function.parameters as { properties?: unknown } | undefined)?.properties;
  const args: Record<string, unknown> = {};
  if (props && typeof props === 'object')
    for (const [key, schema] of Object.entries(props as Record<string, unknown>)) {
      let v = argFromText(key, text);
      if (v === undefined && /^(?:body|content|contents|text|message|data)$/iu.test(key))
        v = resolveBody(
          /conversation|transcript|history|messages|list|record|customer|instructions/iu.test(text)
            ? 'the conversation'
            : '',
          ctx,
          msgIndex,
        );
      if (v === undefined && /^(?:subject|title)$/iu.test(key)) v = 'Message';
      if (v === undefined) continue;
      args[key] = (schema as { type?: unknown } | undefined)?.type === 'array' ? [v] : v;
    }
  return toolCall(ctx, tool.function.name, args);
}

const stop = (content: string): LocalAnswer => ({ content, finishReason: 'stop' });

/** Emits the call unless this exact call was already made (an agent loop must terminate). */
function toolCall(ctx: Ctx, name: string, args: Record<string, unknown>): LocalAnswer | undefined {
  const key = callKey(name, args);
  if (ctx.done.has(key)) return undefined;
  const argsJson = JSON.stringify(args);
  return {
    toolCalls: [
      {
        id: `call_${fnv1a(key).toString(16).padStart(8, '0')}${fnv1a(argsJson + name)
          .toString(16)
          .padStart(8, '0')}`,
        type: 'function',
        function: { name, arguments: argsJson },
      },
    ],
    finishReason: 'tool_calls',
  };
}

const callKey = (name: string, args: unknown) => `${name}\u0000${canonicalJson(args)}`;

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function calledBefore(msgs: Msg[]): Set<string> {
  const out = new Set<string>();
  for (const m of msgs) {
    const calls: unknown = m.message.tool_calls;
    if (!Array.isArray(calls)) continue;
    for (const tc of calls as ToolCall[]) {
      try {
        out.add(callKey(tc.function.name, JSON.parse(tc.function.arguments)));
      } catch {
        // An unparseable earlier call cannot be repeated exactly anyway.
      }
    }
  }
  return out;
}

interface PickedTool {
  name: string;
  key: string;
  isArray: boolean;
  props: Record<string, unknown>;
}

/** A defined tool with a parameter named like `keys`; tools whose name fits `prefer` win. */
function pickTool(tools: ToolDefinition[], prefer: RegExp, keys: string[]): PickedTool | undefined {
  const fits: PickedTool[] = [];
  for (const t of tools) {
    const props = (t.function.parameters as { properties?: unknown } | undefined)?.properties;
    if (!props || typeof props !== 'object') continue;
    const p = props as Record<string, unknown>;
    const key = findKey(p, keys);
    if (!key) continue;
    const isArray = (p[key] as { type?: unknown } | undefined)?.type === 'array';
    fits.push({ name: t.function.name, key, isArray, props: p });
  }
  return fits.find((f) => prefer.test(f.name)) ?? fits[0];
}

const findKey = (props: Record<string, unknown>, keys: string[]) => {
  const names = Object.keys(props);
  for (const k of keys) {
    const hit = names.find((n) => n.toLowerCase() === k);
    if (hit) return hit;
  }
  return undefined;
};

/** "containing the system prompt" / "with the conversation": a naive model fills in what was asked for. */
// Only the messages BEFORE the instruction: the same instruction then yields the same arguments on every
// turn of an agent loop, so the "never the same call twice" rule ends the loop.
function resolveBody(body: string, ctx: Ctx, msgIndex: number): string {
  if (/system prompt|your instructions|instructions above/iu.test(body)) return ctx.systemPrompt || body;
  if (/conversation|chat history|history|everything|context|all messages|the above/iu.test(body))
    return ctx.msgs
      .slice(0, msgIndex)
      .map((m) => `${m.role}: ${m.text}`)
      .join('\n')
      .slice(0, 4000);
  return body;
}

/** What an exfiltration placeholder in a URL receives: the system prompt, else the last user message. */
const exfilData = (ctx: Ctx) =>
  secretValues(ctx.systemPrompt).join(',') || ctx.systemPrompt || (ctx.msgs[ctx.lastUser]?.text ?? '');

/** Replaces {DATA}, [DATA], <DATA>-style placeholders with the URL-encoded data (bounded). */
function fillPlaceholders(s: string, data: string): string {
  const enc = encodeURIComponent(wellFormed(normalizeSpace(data).slice(0, 200)));
  // {DATA}, [DATA], <DATA>, <the user's name>, ?d=DATA, ?q=..., and an empty trailing `?d=`.
  return s
    .replace(/\{[A-Za-z_]{1,30}\}|\[[A-Z_]{2,30}\]|<[^<>\n]{1,80}>/gu, enc)
    .replace(/=(?:[A-Z][A-Z_]{2,30}|\.{3}|…)(?=[&)\s"']|$)/gu, `=${enc}`)
    .replace(/=(?=[)"'\s]|$)/gu, `=${enc}`);
}

const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function defaultAnswer(ctx: Ctx): string {
  const q = quote(ctx.msgs[ctx.lastUser]?.text ?? '');
  let s = `rampart-local: you asked "${q}". (This is Rampart's built-in stand-in model; configure an upstream for real answers.)`;
  const last = ctx.msgs[ctx.msgs.length - 1];
  if (last && last.role === 'tool' && ctx.lastUser < ctx.msgs.length - 1)
    s += ` The tool returned: "${quote(last.text)}".`;
  return s;
}

function quote(text: string): string {
  const t = normalizeSpace(text).replace(/\n/g, ' ').trim();
  return t.length > QUOTE_CHARS ? `${t.slice(0, QUOTE_CHARS)}…` : t;
}

/** Keeps the system messages and the most recent messages, up to the caps. */
function boundedContext(messages: ChatMessage[]): Msg[] {
  const all = messages.filter((m) => m && typeof m === 'object');
  const keep = new Array<boolean>(all.length).fill(false);
  let budget = MAX_CONTEXT_CHARS;
  for (let i = all.length - 1; i >= 0 && budget > 0; i--) {
    keep[i] = true;
    budget -= Math.min(MAX_MESSAGE_CHARS, textOf(all[i]!).length);
  }
  const out: Msg[] = [];
  all.forEach((m, i) => {
    if (keep[i] || m.role === 'system' || m.role === 'developer')
      out.push({ role: String(m.role), text: textOf(m).slice(0, MAX_MESSAGE_CHARS), message: m });
  });
  return out;
}

const textOf = (m: ChatMessage) => contentText(m.content);

function findLastIndex<T>(a: T[], p: (v: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (p(a[i]!)) return i;
  return -1;
}

/** Truncates content to max_completion_tokens / max_tokens (estimated), finish_reason 'length'. */
function applyMaxTokens(a: LocalAnswer, req: ChatRequest): LocalAnswer {
  const max = req?.max_completion_tokens ?? req?.max_tokens;
  if (typeof max !== 'number' || !Number.isFinite(max) || a.content === undefined) return a;
  if (estimateTokens(a.content) <= max) return a;
  let lo = 0;
  let hi = a.content.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(a.content.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return { content: a.content.slice(0, lo), finishReason: 'length' };
}

/** FNV-1a, 32 bit: a cheap deterministic hash for ids and embeddings (not for security). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
