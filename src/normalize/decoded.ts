import type { Span } from '../core/types.js';

/** Text recovered from an encoded stretch of the text a decoder was given. */
export interface Decoded {
  text: string;
  /** Span of the encoded stretch in the decoder's input. */
  span: Span;
  /** Encoding name, e.g. 'base64', 'hex', 'percent'. */
  via: string;
}
