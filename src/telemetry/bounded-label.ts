// Prometheus label values must come from a small set, or every new value becomes a new time series
// and a hostile client can exhaust the gateway's memory. Values are sanitized and each label keeps at
// most `max` distinct values; later newcomers are counted under 'other'.

const SAFE = /^[A-Za-z0-9_.:/-]{1,64}$/;
export const OTHER = 'other';

export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(private readonly max: number) {}

  value(raw: string): string {
    if (!SAFE.test(raw)) return OTHER;
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(raw);
    return raw;
  }
}
