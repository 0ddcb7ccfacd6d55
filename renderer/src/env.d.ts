/// <reference types="vite/client" />
/// <reference types="element-plus/global" />
import type { DeskBridge } from '@shared/contracts'

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    explorerDesk?: DeskBridge
  }
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the sign-in page). */
    public?: boolean
    /** i18n key of the page title. */
    titleKey?: string
  }
}

export {}
