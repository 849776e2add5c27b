// Hostile-input texts for property tests: up to 12 parts joined, each a piece chosen to reach a code path
// (a trigger, a separator, a look-alike) or a short random string between them.
import fc from 'fast-check';

export const pieceText = (pieces: readonly string[], noiseLength = 4): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: noiseLength })), { maxLength: 12 })
    .map((parts) => parts.join(''));
