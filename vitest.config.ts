import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname
const alias = { '@shared': resolve(root, 'shared'), '@': resolve(root, 'renderer/src') }

export default defineConfig({
  test: {
    // CI also writes a JSON report, from which .ci/run prints its closing line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-results/results.json' },
    projects: [
      {
        test: { name: 'unit', environment: 'node', include: ['tests/{unit,main}/**/*.test.ts'] },
      },
      {
        // The sandbox cloud's behaviour, each file against a sandbox it starts on loopback.
        test: { name: 'sandbox', environment: 'node', include: ['tests/sandbox/**/*.test.ts'] },
      },
      {
        // The core against a sandbox: sessions, live pushes, history, rollouts, the web host.
        test: { name: 'integration', environment: 'node', include: ['tests/integration/**/*.test.ts'] },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          // Element Plus's form validation (async-validator) only loads right when inlined.
          server: { deps: { inline: ['element-plus'] } },
          include: ['tests/renderer/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
