// Incremental Server-Sent Events parser (WHATWG HTML §9.2.6 "Parsing an event stream"): bytes or
// strings in, complete events out, however the network chunked them. Lines end in \n, \r\n or a lone \r
// (a \r\n split across two chunks counts once). Every buffer is bounded: a hostile upstream sending one
// endless line or event fails with UPSTREAM_BAD_RESPONSE instead of growing memory.
import { UpstreamError } from './errors.js';

export interface SseEvent {
  /** The `event:` field; absent means the default "message". */
  event?: string;
  data: string;
  id?: string;
  /** Only from end(): the stream stopped before this event's blank line. Its data may be cut short. */
  incomplete?: true;
}

export interface SseLimits {
  /** Longest line, in UTF-16 code units. */
  maxLineChars?: number;
  /** Largest event (sum of its data lines). */
  maxEventChars?: number;
}

export const DEFAULT_MAX_LINE_CHARS = 1024 * 1024;
export const DEFAULT_MAX_EVENT_CHARS = 4 * 1024 * 1024;

export interface SseParser {
  /** Feeds one chunk; returns the events it completed. Throws UpstreamError on an over-long line/event. */
  push(chunk: string | Uint8Array): SseEvent[];
  /** End of stream: flushes the decoder. An event still missing its blank line is returned marked
   *  `incomplete` (the spec drops it; callers decide: `data: [DONE]\n` without the blank line is common). */
  end(): SseEvent[];
}

const tooBig = (what: string, limit: number) =>
  new UpstreamError(
    'UPSTREAM_BAD_RESPONSE',
    `upstream stream has an ${what} longer than ${limit} characters`,
  );

export function createSseParser(limits: SseLimits = {}): SseParser {
  const maxLine = limits.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const maxEvent = limits.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
  // fatal: false — invalid UTF-8 becomes U+FFFD; the JSON layer above rejects what it cannot use.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let line = '';
  let skipLf = false; // the previous chunk ended in \r: a leading \n belongs to it
  let data: string[] = [];
  let dataChars = 0;
  let eventType: string | undefined;
  let lastId: string | undefined;
  let hasData = false;

  const processLine = (l: string, out: SseEvent[]) => {
    if (l.length === 0) {
      if (hasData) {
        const ev: SseEvent = { data: data.join('\n') };
        if (eventType !== undefined) ev.event = eventType;
        if (lastId !== undefined) ev.id = lastId;
        out.push(ev);
      }
      data = [];
      dataChars = 0;
      hasData = false;
      eventType = undefined;
      return;
    }
    if (l.charCodeAt(0) === 58 /* ':' comment */) return;
    const colon = l.indexOf(':');
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? '' : l.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        dataChars += value.length + 1;
        if (dataChars > maxEvent) throw tooBig('event', maxEvent);
        data.push(value);
        hasData = true;
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      default: // 'retry' and unknown fields: ignored (we never reconnect)
    }
  };

  const feed = (text: string): SseEvent[] => {
    const out: SseEvent[] = [];
    let i = 0;
    if (skipLf && text.length > 0) {
      if (text.charCodeAt(0) === 10) i = 1;
      skipLf = false;
    }
    while (i < text.length) {
      let j = i;
      // Scan to the next line end; plain loop (no regex) so the cost is linear in the chunk.
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 10 || c === 13) break;
        j++;
      }
      if (line.length + (j - i) > maxLine) throw tooBig('line', maxLine);
      if (j === text.length) {
        line += text.slice(i);
        break;
      }
      const full = line + text.slice(i, j);
      line = '';
      processLine(full, out);
      if (text.charCodeAt(j) === 13) {
        if (j + 1 < text.length) {
          i = text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        } else {
          skipLf = true;
          i = j + 1;
        }
      } else i = j + 1;
    }
    return out;
  };

  return {
    push(chunk) {
      return feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      const out = feed(decoder.decode());
      // A final line without its terminator is still a line; the event is dispatched only by a blank line.
      if (line.length > 0) {
        const l = line;
        line = '';
        processLine(l, out);
      }
      if (hasData) {
        out.push({ data: data.join('\n'), incomplete: true });
        data = [];
        dataChars = 0;
        hasData = false;
      }
      return out;
    },
  };
}
