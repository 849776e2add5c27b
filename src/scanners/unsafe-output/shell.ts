// Destructive or hijacking shell commands in an answer (OWASP LLM05): a user who pastes `curl … | sh` from a
// poisoned answer runs the attacker's script, `bash -i >& /dev/tcp/…` hands them a shell, `rm -rf /` and
// `dd of=/dev/sda` destroy the machine. Read one line at a time, in code blocks and in prose alike: the line
// is split into commands at shell operators and each command's words are checked, no regex over the line,
// so the cost is linear and a line is judged the same whether it arrived whole or streamed.
//
// Scores (the policy maps them to actions; the span is the line, trimmed):
//   0.95  reverse shell (/dev/tcp, nc -e, socat exec:, socket+dup2 one-liners), fork bomb
//   0.90  rm -r of /, ~, $HOME or a top-level system folder; --no-preserve-root
//   0.85  chmod 777 (or a+rwx) of / or a top-level system folder
//   0.75  a download piped into a shell (curl|sh, wget -O- | bash, bash <(curl …), iwr | iex) from a host
//         outside allowHosts
//   0.60  mkfs / dd of= / > onto a disk device: how-to pages show these on purpose
import type { ScannerFinding } from '../../core/types.js';
import { isAllowedHost, type Allowlist } from '../exfil-links/host.js';

export const SHELL_CATEGORY = 'unsafe_output.shell';

const SCORES: Readonly<Record<string, number>> = {
  reverse_shell: 0.95,
  fork_bomb: 0.95,
  rm_root: 0.9,
  chmod_777_root: 0.85,
  pipe_to_shell: 0.75,
  mkfs: 0.6,
  disk_overwrite: 0.6,
};

const SIGNAL_TEXT: Readonly<Record<string, string>> = {
  reverse_shell: 'a reverse shell',
  fork_bomb: 'a fork bomb',
  rm_root: 'recursive deletion of the root, home or a system folder',
  chmod_777_root: 'world-writable permissions on the root or a system folder',
  pipe_to_shell: 'a downloaded script piped into a shell',
  mkfs: 'formatting a disk',
  disk_overwrite: 'raw writes to a disk device',
};

/** Cheap per-line gate: every check needs one of these words. */
const GATE =
  /rm|curl|wget|fetch|iwr|invoke-webrequest|\/dev\/|nc|netcat|socat|\(\)|%0|chmod|mkfs|mke2fs|dd|socket/i;

const ROOT_TARGETS = new Set([
  '/',
  '/*',
  '/.',
  '~',
  '~/',
  '~/*',
  '$home',
  '$home/',
  '$home/*',
  '${home}',
  '${home}/',
  '${home}/*',
]);
const SYSTEM_DIRS = new Set([
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib64',
  'opt',
  'proc',
  'root',
  'sbin',
  'sys',
  'usr',
  'var',
]);
const PREFIXES = new Set([
  '$',
  '#',
  '>',
  '%',
  'sudo',
  'doas',
  'env',
  'nohup',
  'exec',
  'time',
  'command',
  'builtin',
  'then',
  'do',
  'else',
]);
const FETCHERS = new Set(['curl', 'wget', 'fetch', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod']);
const SHELLS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'ash',
  'fish',
  'iex',
  'invoke-expression',
  'pwsh',
  'powershell',
]);
/** Interpreters that run a script from stdin only when given no arguments (or `-`): `| python3 -m json.tool` is fine. */
const STDIN_INTERPRETERS = new Set(['python', 'python3', 'perl', 'ruby', 'node', 'php']);
const NETCATS = new Set(['nc', 'ncat', 'netcat']);
const SHELL_PATHS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'cmd',
  'cmd.exe',
  'powershell',
  'powershell.exe',
  'pwsh',
]);
const DISK = /^\/dev\/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|md\d|mapper\/)/;
const WORLD_MODES = new Set(['777', '0777', 'a+rwx', 'ugo+rwx', 'o+rwx', '=rwx', 'a=rwx']);

interface Command {
  /** The operator before it: '' (line start), '|', ';', '&&', '||', '&', '$(', '<(', '`'. */
  sep: string;
  words: string[];
}

/** Splits a line into commands at shell operators; quotes are dropped (their content stays in the word). */
export function splitCommands(line: string): Command[] {
  const out: Command[] = [];
  let cur: Command = { sep: '', words: [] };
  let word = '';
  const endWord = (): void => {
    if (word.length > 0) cur.words.push(word);
    word = '';
  };
  const next = (sep: string): void => {
    endWord();
    if (cur.words.length > 0) out.push(cur);
    cur = { sep, words: [] };
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const d = line[i + 1];
    if (c === ' ' || c === '\t' || c === '\r') endWord();
    else if (c === "'" || c === '"') continue;
    else if (c === '|') {
      if (d === '|') i++;
      next(d === '|' ? '||' : '|');
    } else if (c === '&') {
      // `>&`, `&>` and `2>&1` are redirections, part of the word.
      if (line[i - 1] === '>' || d === '>') word += c;
      else {
        if (d === '&') i++;
        next(d === '&' ? '&&' : '&');
      }
    } else if (c === '(' && (line[i - 1] === '$' || line[i - 1] === '<') && word.length > 0) {
      const op = `${line[i - 1]}(`;
      word = word.slice(0, -1);
      next(op);
    } else if (c === ';' || c === '(' || c === ')' || c === '{' || c === '}') {
      next(';');
    } else if (c === '`') next('`');
    else word += c;
  }
  next('');
  return out;
}

/** The command's own words, after prompts (`$ `), sudo and the like. */
function commandWords(words: readonly string[]): string[] {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!.toLowerCase();
    if (PREFIXES.has(w)) i++;
    else if (i > 0 && (words[i - 1] === 'sudo' || words[i - 1] === 'doas') && w.startsWith('-')) i++;
    else break;
  }
  return words.slice(i);
}

function name(words: readonly string[]): string {
  const w = (words[0] ?? '').toLowerCase();
  const slash = w.lastIndexOf('/');
  return slash >= 0 ? w.slice(slash + 1) : w;
}

function isRootTarget(word: string): boolean {
  const w = word.toLowerCase();
  if (ROOT_TARGETS.has(w)) return true;
  if (!w.startsWith('/')) return false;
  let rest = w.slice(1);
  if (rest.endsWith('/*')) rest = rest.slice(0, -2);
  else if (rest.endsWith('/')) rest = rest.slice(0, -1);
  return SYSTEM_DIRS.has(rest);
}

function rmRoot(words: readonly string[]): boolean {
  let recursive = false;
  let root = false;
  for (const w of words.slice(1)) {
    if (w === '--no-preserve-root') return true;
    if (w === '--recursive' || (w.startsWith('-') && !w.startsWith('--') && /[rR]/.test(w))) recursive = true;
    else if (!w.startsWith('-') && isRootTarget(w)) root = true;
  }
  return recursive && root;
}

function chmodRoot(words: readonly string[]): boolean {
  const args = words.slice(1).filter((w) => !w.startsWith('-'));
  return args.length >= 2 && WORLD_MODES.has(args[0]!.toLowerCase()) && args.slice(1).some(isRootTarget);
}

function netcatShell(words: readonly string[]): boolean {
  const execFlag = words.some((w) => /^-[a-z]*[ec]$/i.test(w) || w === '--exec' || w === '--sh-exec');
  return execFlag && words.some((w) => SHELL_PATHS.has(w.slice(w.lastIndexOf('/') + 1).toLowerCase()));
}

/** The host a fetch command downloads from, if one of its words is a URL. */
function fetchHost(words: readonly string[]): string | undefined {
  for (const w of words.slice(1)) {
    if (!w.includes('://') && !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(w)) continue;
    try {
      return new URL(w.includes('://') ? w : `https://${w}`).hostname;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function runsStdin(words: readonly string[]): boolean {
  const n = name(words);
  if (SHELLS.has(n)) return !words.slice(1).some((w) => w === '-c');
  return STDIN_INTERPRETERS.has(n) && (words.length === 1 || words[1] === '-');
}

function pipeToShell(cmds: readonly Command[], allow: Allowlist): boolean {
  for (let i = 0; i < cmds.length; i++) {
    // The fetch may follow prose on the same line: "Run: curl … | sh".
    const all = cmds[i]!.words;
    const k = all.findIndex((w) => FETCHERS.has(name([w])));
    if (k < 0) continue;
    const words = all.slice(k);
    const host = fetchHost(words);
    if (host !== undefined && isAllowedHost(host, allow)) continue;
    // curl … | sh
    let j = i + 1;
    while (j < cmds.length && cmds[j]!.sep === '|') {
      if (runsStdin(commandWords(cmds[j]!.words))) return true;
      j++;
    }
    // bash <(curl …), sh -c "$(curl …)", sh -c `curl …`
    const sep = cmds[i]!.sep;
    if ((sep === '<(' || sep === '$(' || sep === '`') && i > 0) {
      const before = commandWords(cmds[i - 1]!.words);
      if (SHELLS.has(name(before)) || STDIN_INTERPRETERS.has(name(before))) return true;
    }
  }
  return false;
}

/** `:(){ :|:& };:` and its renamings: a function whose body pipes itself into itself in the background. */
function forkBomb(line: string): boolean {
  if (line.includes('%0|%0')) return true;
  const s = line.replace(/\s/g, '');
  let at = s.indexOf('(){');
  while (at > 0) {
    let b = at;
    while (b > 0 && at - b < 32 && /[\w:.]/.test(s[b - 1]!)) b--;
    const fn = s.slice(b, at);
    if (fn.length > 0 && s.startsWith(`${fn}|${fn}&`, at + 3)) return true;
    at = s.indexOf('(){', at + 3);
  }
  return false;
}

/** Words that start a command this file checks; also `mkfs.ext4` and the like (see commandSignals). */
const COMMAND_WORDS = new Set([
  'rm',
  'chmod',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'mkfs',
  'mke2fs',
  'dd',
  'sudo',
  'doas',
]);
/** Command starts tried per command: a line of a thousand "rm" words must not cost a thousand scans. */
const MAX_STARTS = 4;

function commandSignals(raw: readonly string[], hasMkfifo: boolean, signals: Set<string>): void {
  const words = commandWords(raw);
  const n = name(words);
  if (n === 'rm' && rmRoot(words)) signals.add('rm_root');
  else if (n === 'chmod' && chmodRoot(words)) signals.add('chmod_777_root');
  else if (NETCATS.has(n) && (netcatShell(words) || hasMkfifo)) signals.add('reverse_shell');
  else if (n === 'socat' && words.some((w) => /^(?:exec|system):/i.test(w))) signals.add('reverse_shell');
  else if ((n === 'mkfs' || n.startsWith('mkfs.') || n === 'mke2fs') && words.some((w) => DISK.test(w)))
    signals.add('mkfs');
  else if (n === 'dd' && words.some((w) => w.startsWith('of=') && DISK.test(w.slice(3))))
    signals.add('disk_overwrite');
}

/** `> /dev/sda`: a redirection onto a disk device. */
function redirectSignals(words: readonly string[], signals: Set<string>): void {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    const target =
      w === '>' ? words[k + 1] : w.startsWith('>') && !w.startsWith('>&') ? w.slice(1) : undefined;
    if (target !== undefined && DISK.test(target)) signals.add('disk_overwrite');
  }
}

function lineSignals(line: string, allow: Allowlist): Set<string> {
  const signals = new Set<string>();
  const lower = line.toLowerCase();
  if (lower.includes('/dev/tcp/') || lower.includes('/dev/udp/')) signals.add('reverse_shell');
  if (lower.includes('socket') && lower.includes('dup2')) signals.add('reverse_shell');
  if (lower.includes('fsockopen') && (lower.includes('exec') || lower.includes('/bin/sh')))
    signals.add('reverse_shell');
  if (forkBomb(line)) signals.add('fork_bomb');
  const cmds = splitCommands(line);
  const hasMkfifo = cmds.some((c) => name(commandWords(c.words)) === 'mkfifo');
  for (const c of cmds) {
    // In prose ("Run rm -rf / to…") the command starts after a few words: each known command word starts one.
    let tried = 0;
    for (let k = 0; k < c.words.length && tried < MAX_STARTS; k++) {
      const n = name(c.words.slice(k, k + 1));
      if (!COMMAND_WORDS.has(n) && !n.startsWith('mkfs.')) continue;
      tried++;
      commandSignals(c.words.slice(k), hasMkfifo, signals);
    }
    redirectSignals(c.words, signals);
  }
  if (pipeToShell(cmds, allow)) signals.add('pipe_to_shell');
  return signals;
}

/** `unsafe_output.shell` findings, one per line that holds a dangerous command. */
export function findUnsafeShell(text: string, allow: Allowlist, maxFindings = 1000): ScannerFinding[] {
  const findings: ScannerFinding[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(at, end);
    if (GATE.test(line)) {
      const signals = lineSignals(line, allow);
      if (signals.size > 0) {
        if (findings.length >= maxFindings) {
          findings.push({
            category: SHELL_CATEGORY,
            score: 0.95,
            message: `More than ${maxFindings} dangerous command lines; the rest were not examined.`,
            signals: ['limit'],
          });
          break;
        }
        const s = line.length - line.trimStart().length;
        const e = line.trimEnd().length;
        const list = [...signals];
        findings.push({
          category: SHELL_CATEGORY,
          score: Math.max(...list.map((x) => SCORES[x] ?? 0.5)),
          span: [at + s, at + e],
          message: `Shell command that would do harm if run: ${list.map((x) => SIGNAL_TEXT[x] ?? x).join(', ')}.`,
          signals: list,
        });
      }
    }
    at = end + 1;
  }
  return findings;
}
