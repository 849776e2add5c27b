import type { OffsetMap } from '../core/offset-map.js';
import type { ScannerFinding, Span } from '../core/types.js';

/** Content a pass found hidden inside the text (not visible in it), to be scanned as a derived segment. */
export interface HiddenPayload {
  text: string;
  /** Span in the pass's input. */
  span: Span;
  via: string;
}

/**
 * One canonicalization step: its output, how the output maps back onto the step's input, and what it noticed.
 * Signal and payload spans are in the step's input; canonicalize maps them to the original text.
 */
export interface PassResult {
  text: string;
  map: OffsetMap;
  signals: ScannerFinding[];
  hidden?: HiddenPayload[];
}
