// Path traversal in file names (OWASP LLM05): an application or a tool that takes a file name from the
// model (save the report as…, read_file(path)) must not be walked out of its folder (`../../`), tricked by
// an encoded form the filter did not decode (`%2e%2e%2f`, `..%c0%af`, `%252e`), or pointed at a system file
// (`/etc/shadow`, `~/.ssh/id_rsa`). Bounded linear regexes; spans are the matched path.
//
// Scores:
//   0.90  traversal that reaches a system or credential file: `../../etc/passwd`
//   0.85  encoded traversal (`%2e%2e%2f`, `..%2f`, `%252e%252e`, overlong UTF-8 `..%c0%af`)
//   0.60  a system or credential file by absolute path: `/etc/shadow`, `~/.ssh/id_rsa`, `C:\Windows\System32\config\SAM`
//   0.40  plain traversal three or more levels up (`../../../`): common in code (relative imports)
import type { ScannerFinding } from '../../core/types.js';

export const PATH_CATEGORY = 'unsafe_output.path';

const GATE = /\.\.|%2e|%252e|\/etc\/|\/proc\/|\.ssh|\.aws|\/root\/|system32|docker\.sock/i;
const ENCODED =
  /(?:%2e|%252e|\.){2}(?:%2f|%5c|%252f|%255c|%c0%af|%c1%9c|%e0%80%af)|(?:%2e|%252e)(?:%2e|%252e|\.)(?:\/|\\)|\.%2e(?:\/|\\)/gi;
const TRAVERSAL = /(?:\.\.[/\\]){1,64}/g;
const SENSITIVE =
  /(?:\/etc\/(?:passwd|shadow|sudoers|gshadow|master\.passwd)|\/proc\/self\/(?:environ|mem|maps|cmdline)|\/root\/\.[a-z_]{1,16}|~?\/?\.ssh\/(?:id_[a-z0-9]{1,10}|authorized_keys)|\.aws\/credentials|\/var\/run\/docker\.sock|windows[/\\]system32[/\\]config[/\\]sam|\bwin\.ini\b)/gi;

const SIGNAL_TEXT: Readonly<Record<string, string>> = {
  traversal_to_system_file: 'a relative path that climbs out to a system or credential file',
  encoded_traversal: 'an encoded ../ sequence',
  system_file: 'a system or credential file',
  deep_traversal: 'a relative path that climbs three or more folders up',
};

interface Hit {
  start: number;
  end: number;
  signal: string;
  score: number;
}

function hits(re: RegExp, text: string): RegExpExecArray[] {
  re.lastIndex = 0;
  const out: RegExpExecArray[] = [];
  for (let m = re.exec(text); m !== null && out.length < 10_000; m = re.exec(text)) out.push(m);
  return out;
}

/** `unsafe_output.path` findings. */
export function findUnsafePaths(text: string, maxFindings = 1000): ScannerFinding[] {
  if (!GATE.test(text)) return [];
  const found: Hit[] = [];
  for (const m of hits(ENCODED, text))
    found.push({ start: m.index, end: m.index + m[0].length, signal: 'encoded_traversal', score: 0.85 });
  const sensitive = hits(SENSITIVE, text);
  const sensitiveAt = new Map(sensitive.map((m) => [m.index, m]));
  const joined = new Set<number>();
  for (const m of hits(TRAVERSAL, text)) {
    const end = m.index + m[0].length;
    const levels = m[0].length / 3;
    // `../../etc/passwd`: the traversal's last slash is the system path's first one.
    const target = sensitiveAt.get(end - 1) ?? sensitiveAt.get(end);
    if (target) {
      joined.add(target.index);
      found.push({
        start: m.index,
        end: target.index + target[0].length,
        signal: 'traversal_to_system_file',
        score: 0.9,
      });
    } else if (levels >= 3) found.push({ start: m.index, end, signal: 'deep_traversal', score: 0.4 });
  }
  for (const m of sensitive)
    if (!joined.has(m.index))
      found.push({ start: m.index, end: m.index + m[0].length, signal: 'system_file', score: 0.6 });
  found.sort((a, b) => a.start - b.start || b.end - a.end);

  const findings: ScannerFinding[] = [];
  let last: (ScannerFinding & { span: [number, number]; signals: string[] }) | undefined;
  for (const h of found) {
    if (last && h.start < last.span[1]) {
      last.span[1] = Math.max(last.span[1], h.end);
      if (h.score > last.score) last.score = h.score;
      if (!last.signals.includes(h.signal)) last.signals.push(h.signal);
      continue;
    }
    if (findings.length >= maxFindings) {
      findings.push({
        category: PATH_CATEGORY,
        score: 0.9,
        message: `More than ${maxFindings} suspicious paths; the rest were not examined.`,
        signals: ['limit'],
      });
      break;
    }
    last = {
      category: PATH_CATEGORY,
      score: h.score,
      span: [h.start, h.end],
      message: '',
      signals: [h.signal],
    };
    findings.push(last);
  }
  for (const f of findings)
    if (f.span)
      f.message = `File path that escapes its folder or names a system file: ${f.signals!.map((s) => SIGNAL_TEXT[s] ?? s).join(', ')}.`;
  return findings;
}
