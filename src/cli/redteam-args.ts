// What `rampart redteam`'s definition (redteam-command.ts) and its runner (redteam.ts) share: the parsed
// arguments, the output streams and the exit codes. Its own file so that neither imports the other: the
// definition loads the runner lazily, and an import back would be a cycle.

export const REDTEAM_EXIT = { ok: 0, asrAboveThreshold: 1, error: 2 } as const;

export interface RedteamCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Draw a progress bar (else one plain line per 10%). Defaults to stderr being a terminal. */
  isTTY?: boolean;
}

export interface RedteamArgs {
  target: string;
  model?: string;
  apiKeyEnv?: string;
  policy?: string;
  plan?: string;
  seed?: string;
  concurrency: string;
  rate?: string;
  maxTurns?: string;
  timeoutMs: string;
  out: string;
  failOnAsr?: string;
  resume?: boolean;
  limit?: string;
  judgeUrl?: string;
  judgeModel?: string;
  judgeKeyEnv: string;
  adaptive?: boolean;
  budget?: string;
  attackerUrl?: string;
  attackerModel?: string;
  attackerKeyEnv: string;
  baseline?: string;
}
