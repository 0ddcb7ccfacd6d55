import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import type { Plugin } from 'vite'
import { buildMetaContentSecurityPolicy } from './electron/core/security/content-security-policy'

const root = import.meta.dirname
const alias = {
  '@shared': resolve(root, 'shared'),
  '@': resolve(root, 'renderer/src'),
}

/**
 * The built page carries the same policy the hosts send as a header (file:// has no headers);
 * frame-ancestors is header-only, and a meta tag holding it only earns a console error.
 * DESK_MEDIA_ORIGINS (space- or comma-separated origins) admits a custom cloud's media host.
 */
function contentSecurityPolicyMeta(): Plugin {
  const policy = buildMetaContentSecurityPolicy((process.env.DESK_MEDIA_ORIGINS ?? '').split(/[\s,]+/).filter(Boolean))
  return {
    name: 'desk-content-security-policy',
    apply: 'build',
    // electronegativity: CSP_GLOBAL_CHECK flags img/media/connect sources other than 'self': the
    // page must reach the embedded sandbox on loopback and Tencent's API and media hosts. They
    // are named hosts, never a scheme wildcard, and the per-response header narrows them further.
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      ),
  }
}

/** The embedded sandbox serves recordings from files beside the main bundle. */
function sandboxMedia(): Plugin {
  return {
    name: 'desk-sandbox-media',
    apply: 'build',
    writeBundle: () => {
      cpSync(resolve(root, 'electron/sandbox/media/fixtures'), resolve(root, 'out/main/sandbox-media'), { recursive: true })
    },
  }
}

interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null
}

/**
 * Element Plus's index re-exports every component: its imports say nothing about what the
 * start page uses (the bundler keeps only what is imported), and following them would put
 * every component some lazy page uses into the start chunk.
 */
const BARREL = /element-plus[\\/]es[\\/](index|defaults|component|plugin|components[\\/]index)\.mjs$/

/**
 * Everything the page imports statically goes in one chunk (its CSS in one file): left to
 * itself the bundler splits the sign-in page's code into some thirty small files, and the
 * browser fetches them six at a time, so the first paint waited on request round trips, not
 * bytes. Code reached only through a lazy route keeps its own chunks.
 */
function startChunk(entry: string): (id: string, graph: ModuleGraph) => string | null {
  let atStart: Set<string> | null = null
  const staticGraphOf = (graph: ModuleGraph): Set<string> => {
    const seen = new Set([entry])
    for (const id of seen) {
      if (BARREL.test(id)) continue
      for (const next of graph.getModuleInfo(id)?.importedIds ?? []) seen.add(next)
    }
    return seen
  }
  return (id, graph) => ((atStart ??= staticGraphOf(graph)).has(id) ? 'start' : null)
}

export default defineConfig({
  main: {
    plugins: [sandboxMedia()],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    // Sandboxed preloads run as plain CommonJS and cannot require node_modules: bundle all.
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    resolve: { alias },
    plugins: [
      contentSecurityPolicyMeta(),
      vue(),
      AutoImport({ resolvers: [ElementPlusResolver()], dts: false }),
      Components({ resolvers: [ElementPlusResolver()], dts: false }),
    ],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves bundles unminified; the page's weight is its start-up time.
      // DESK_READABLE_BUILD=1 keeps names for reading a benchmark's CPU profile.
      minify: !process.env.DESK_READABLE_BUILD,
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
        output: { codeSplitting: { groups: [{ name: startChunk(resolve(root, 'renderer/index.html')), debugName: 'start' }] } },
      },
    },
  },
})
