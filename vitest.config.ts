import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The ReDoS audit runs recheck over every pattern in the project; it is slow by nature.
    testTimeout: 20_000,
  },
});
