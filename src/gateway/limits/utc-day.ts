// Daily budgets reset at UTC midnight: one calendar for every replica, whatever its time zone.
export const DAY_MS = 86_400_000;

export const utcDay = (now: number): number => Math.floor(now / DAY_MS);

export const msToNextUtcMidnight = (now: number): number => (utcDay(now) + 1) * DAY_MS - now;
