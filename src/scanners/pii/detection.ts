// The internal shape every PII detector returns. `rank` orders detectors when spans overlap:
// a checksummed match (card, IBAN) outranks a shape match (phone) over the same digits.

export interface Detection {
  category: string;
  start: number;
  end: number;
  score: number;
  /** Describes the kind of value; never contains the value itself. */
  message: string;
  signals: string[];
  /** Lower wins when two detections overlap. */
  rank: number;
}

export const RANK = {
  iban: 0,
  card: 1,
  email: 2,
  nationalId: 3,
  ssn: 4,
  ip: 5,
  dob: 6,
  phone: 7,
  person: 8,
  // Between dates of birth and phones: a postcode inside an address (BR "01310-100") is not a phone.
  address: 6.5,
} as const;

export const clamp01 = (x: number): number => Math.min(1, Math.max(0, Math.round(x * 1000) / 1000));
