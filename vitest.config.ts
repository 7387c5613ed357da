import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The engines are shared: one file at a time keeps Kafka group joins and the JVM predictable.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'services/*/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/support/engines-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
