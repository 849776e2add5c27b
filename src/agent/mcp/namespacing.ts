// Tool namespacing for the MCP proxy: every tool is exposed as `<server>__<tool>`, so two servers offering the same
// tool name never shadow each other, and a description that names ANOTHER server's tool is flagged (a "shadowing"
// attack: a tool's description steering how the model uses a different, trusted tool).

/**
 * Server names: lowercase letters, digits, '-' and single '_' between them. No leading/trailing '_' and no '__', so
 * `<server>__<tool>` splits at its first '__' without ambiguity (server "a_" + tool "b" would otherwise collide with
 * server "a" + tool "_b"). The regex is linear: each repetition starts with '_', which the class excludes.
 */
export const SERVER_NAME = /^[a-z0-9-]+(?:_[a-z0-9-]+)*$/u;
export const MAX_SERVER_NAME = 64;
/** MCP tool names (SEP-986): 1..128 of A-Z a-z 0-9 _ - . */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/u;
export const SEPARATOR = '__';

export const isServerName = (s: string): boolean =>
  s.length > 0 && s.length <= MAX_SERVER_NAME && SERVER_NAME.test(s);

/** The exposed name, or undefined when the upstream name is not a valid MCP tool name or too long once prefixed. */
export function exposedName(server: string, tool: string): string | undefined {
  if (typeof tool !== 'string' || !TOOL_NAME.test(tool)) return undefined;
  const name = `${server}${SEPARATOR}${tool}`;
  return name.length <= 128 ? name : undefined;
}

/** Splits an exposed name at its first '__'; undefined when it has no valid server part. */
export function splitExposedName(name: string): { server: string; tool: string } | undefined {
  const i = name.indexOf(SEPARATOR);
  if (i <= 0) return undefined;
  const server = name.slice(0, i);
  const tool = name.slice(i + SEPARATOR.length);
  return isServerName(server) && tool.length > 0 ? { server, tool } : undefined;
}

/**
 * An identifier-like tool name ("send_email", "sendEmail", "read-file") is distinctive enough that its mention in a
 * description means the tool. Plain words ("search", "add") appear in ordinary prose, so they are not checked raw;
 * their exposed form (`other__search`) still is.
 */
const identifierLike = (name: string): boolean => /[_\-.]|[a-z][A-Z]|\d/u.test(name) && name.length >= 4;

function mentions(text: string, word: string): boolean {
  // Whole-word match without building a RegExp from untrusted input.
  const lower = text.toLowerCase();
  const w = word.toLowerCase();
  const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/u.test(c);
  for (let i = lower.indexOf(w); i !== -1; i = lower.indexOf(w, i + 1)) {
    if (!isWordChar(lower[i - 1]) && !isWordChar(lower[i + w.length])) return true;
  }
  return false;
}

export interface ToolRef {
  server: string;
  tool: string;
}

/**
 * Tools of OTHER servers that `text` (a description of a tool of `server`) mentions. The tool's own raw name is
 * never a finding, nor a name the describing server itself also offers.
 */
export function shadowedTools(text: string, server: string, all: readonly ToolRef[]): string[] {
  const own = new Set(all.filter((t) => t.server === server).map((t) => t.tool));
  const found = new Set<string>();
  for (const t of all) {
    if (t.server === server) continue;
    const exposed = `${t.server}${SEPARATOR}${t.tool}`;
    if (mentions(text, exposed)) found.add(exposed);
    else if (!own.has(t.tool) && identifierLike(t.tool) && mentions(text, t.tool)) found.add(exposed);
    if (found.size >= 16) break;
  }
  return [...found];
}
