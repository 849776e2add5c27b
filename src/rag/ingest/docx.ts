// DOCX extraction: mammoth reads the document (the text a RAG pipeline using it would embed, table cells with
// their position, comments and images); a second pass over word/document.xml (jszip + linkedom's XML parser)
// finds the runs Word does not show: hidden (w:vanish), white or tiny text. mammoth keeps their text in its
// output, which is why they are scanned on their own and reported where they sit.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { DOMParser } from 'linkedom';
import { RampartError } from '../../core/errors.js';
import { collapse } from './text.js';
import type { Extracted, HiddenHow, ImageRef, IngestLimits, TextPart } from './types.js';

/** Inflated size of the whole archive we accept, as a multiple of the document's byte limit (zip bombs). */
const INFLATE_FACTOR = 10;

interface MammothNode {
  type: string;
  value?: string;
  children?: MammothNode[];
  body?: MammothNode[];
  comments?: MammothNode[];
  authorName?: string;
}

function textOf(node: MammothNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type === 'tab' || node.type === 'break') return ' ';
  const inner = (node.children ?? node.body ?? []).map(textOf).join('');
  return node.type === 'paragraph' ? `${inner}\n` : inner;
}

/** Visible parts from mammoth's document tree: body text, and each table cell with its place. */
function mammothParts(doc: MammothNode): TextPart[] {
  const body: string[] = [];
  const cells: TextPart[] = [];
  let tables = 0;
  const visit = (node: MammothNode): void => {
    if (node.type === 'table') {
      const t = ++tables;
      (node.children ?? []).forEach((row, r) =>
        (row.children ?? []).forEach((cell, c) => {
          const text = collapse(textOf(cell));
          if (text) cells.push({ text, location: { cell: `table ${t} row ${r + 1} cell ${c + 1}` } });
        }),
      );
      return;
    }
    if (node.type === 'paragraph') {
      body.push(textOf(node));
      return;
    }
    (node.children ?? []).forEach(visit);
  };
  visit(doc);
  const text = collapse(body.join(' '));
  return [...(text ? [{ text, location: { element: 'body' } }] : []), ...cells];
}

interface XmlEl {
  tagName: string;
  textContent: string | null;
  getAttribute(n: string): string | null;
  getElementsByTagName(n: string): ArrayLike<XmlEl>;
}

const flag = (el: XmlEl | undefined): boolean => {
  if (!el) return false;
  const v = el.getAttribute('w:val');
  return v === null || (v !== 'false' && v !== '0' && v !== 'off');
};

/** Runs Word does not show, grouped by how, from word/document.xml. */
export function hiddenRuns(xml: string): TextPart[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml') as unknown as XmlEl;
  const parts: TextPart[] = [];
  const runs = Array.from(doc.getElementsByTagName('w:r'));
  let current: { how: HiddenHow; text: string[]; at: number } | undefined;
  const flush = (): void => {
    const t = current && collapse(current.text.join(''));
    if (current && t)
      parts.push({ text: t, hidden: current.how, location: { element: `w:r ${current.at}` } });
    current = undefined;
  };
  runs.forEach((run, i) => {
    const rPr = run.getElementsByTagName('w:rPr')[0];
    let how: HiddenHow | undefined;
    if (rPr) {
      const color = rPr.getElementsByTagName('w:color')[0]?.getAttribute('w:val')?.toUpperCase();
      const size = Number(rPr.getElementsByTagName('w:sz')[0]?.getAttribute('w:val') ?? 'NaN');
      if (flag(rPr.getElementsByTagName('w:vanish')[0]) || flag(rPr.getElementsByTagName('w:webHidden')[0]))
        how = 'docx_hidden';
      else if (color === 'FFFFFF') how = 'docx_hidden';
      else if (Number.isFinite(size) && size < 4) how = 'docx_hidden'; // w:sz is in half points: under 2 pt
    }
    // A tracked deletion keeps its text in w:delText: Word shows it only with markup on, mammoth drops it.
    const deleted = Array.from(run.getElementsByTagName('w:delText'));
    if (deleted.length > 0) how = 'docx_deleted';
    const text = Array.from(run.getElementsByTagName(deleted.length > 0 ? 'w:delText' : 'w:t'))
      .map((t) => t.textContent ?? '')
      .join('');
    if (!how) {
      if (text.trim()) flush();
      return;
    }
    if (current?.how !== how) {
      flush();
      current = { how, text: [], at: i + 1 };
    }
    current.text.push(text);
  });
  flush();
  return parts;
}

function commentParts(doc: MammothNode): TextPart[] {
  return (doc.comments ?? []).flatMap((c, i) => {
    const text = collapse((c.body ?? []).map(textOf).join(' '));
    return text ? [{ text, hidden: 'docx_comment' as const, location: { element: `comment ${i + 1}` } }] : [];
  });
}

export async function extractDocx(bytes: Uint8Array, limits: IngestLimits): Promise<Extracted> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new RampartError('DOCUMENT_INVALID', 'cannot read the DOCX: it is not a ZIP archive', { cause });
  }
  let inflated = 0;
  zip.forEach((_, file) => {
    const size = (file as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
    inflated += typeof size === 'number' ? size : 0;
  });
  if (inflated > limits.maxBytes * INFLATE_FACTOR)
    throw new RampartError(
      'DOCUMENT_TOO_LARGE',
      `the DOCX inflates to ${inflated} bytes, over ${INFLATE_FACTOR}x the ${limits.maxBytes}-byte document limit`,
    );
  const main = zip.file('word/document.xml');
  if (!main) throw new RampartError('DOCUMENT_INVALID', 'cannot read the DOCX: it has no word/document.xml');
  const images: ImageRef[] = [];
  let tree: MammothNode | undefined;
  let imageCount = 0;
  const truncated: string[] = [];
  try {
    await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, {
      styleMap: ['comment-reference => sup'],
      transformDocument: (d: MammothNode) => {
        tree = d;
        return d;
      },
      convertImage: mammoth.images.imgElement(async (image) => {
        imageCount++;
        if (images.length < limits.maxImages) {
          const data = await image.read();
          images.push({ bytes: new Uint8Array(data), location: { image: imageCount, element: 'w:drawing' } });
        } else if (!truncated.includes('images')) truncated.push('images');
        return { src: '' };
      }),
    } as unknown as Parameters<typeof mammoth.convertToHtml>[1]);
  } catch (cause) {
    throw new RampartError('DOCUMENT_INVALID', 'cannot read the DOCX: mammoth could not parse it', { cause });
  }
  if (!tree) throw new RampartError('DOCUMENT_INVALID', 'cannot read the DOCX: no document body');
  const hidden = hiddenRuns(await main.async('string'));
  return { parts: [...mammothParts(tree), ...hidden, ...commentParts(tree)], images, truncated };
}
