// What a peer guard library's adapter is (one file per peer in this folder) and what it answers. Types only:
// the adapters import this, not ../peers.ts, which imports them.

export interface PeerVerdict {
  flagged: boolean;
  score: number;
}
export type PeerDetect = (text: string) => Promise<PeerVerdict>;
export type RampartDetect = (text: string, trust: 'user' | 'untrusted') => Promise<PeerVerdict>;

export interface PeerAdapter {
  name: string;
  /** The pinned version this adapter was written against. */
  version: string;
  /** npm package to read the installed version from (absent when the peer is not installed). */
  packageName?: string;
  load(): Promise<PeerDetect>;
}
