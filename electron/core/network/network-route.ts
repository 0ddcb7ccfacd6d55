/**
 * How the core reaches the network: straight, through the proxy the environment names, or
 * through a proxy the user typed. One place decides, and both the HTTP client (fetch) and
 * the push WebSocket (an http.Agent) follow it, so a corporate proxy sees every connection.
 * Loopback addresses never go through a proxy (the embedded sandbox lives there), as browsers do.
 */
import type { Agent } from 'node:http'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { fetch as undiciFetch, ProxyAgent } from 'undici'
import type { ProxySetting } from '../../../shared/contracts/settings'

export type Env = Record<string, string | undefined>

interface Route {
  proxyUrl: string
  dispatcher: ProxyAgent
  agent: HttpsProxyAgent<string>
}

export class NetworkRoute {
  private setting: ProxySetting = { mode: 'system' }
  private readonly routes = new Map<string, Route>()

  constructor(private readonly env: Env = process.env) {}

  configure(setting: ProxySetting): void {
    this.setting = setting
  }

  /** The proxy a request to `url` goes through, or null to go straight. */
  proxyFor(url: string): string | null {
    const target = new URL(url)
    if (isLoopback(target.hostname)) return null
    if (this.setting.mode === 'none') return null
    if (this.setting.mode === 'manual') return this.setting.url
    return envProxyFor(target, this.env)
  }

  /** fetch that follows the current setting (read on every call, so a change applies at once). */
  readonly fetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    const proxy = this.proxyFor(url)
    if (!proxy) return globalThis.fetch(input, init)
    // undici's own fetch with its own ProxyAgent: Node's bundled undici may be another version.
    return undiciFetch(url, { ...(init as object), dispatcher: this.route(proxy).dispatcher }) as unknown as Promise<Response>
  }

  /** The agent a WebSocket to `url` connects through (undefined: straight). */
  wsAgent(url: string): Agent | undefined {
    const proxy = this.proxyFor(url)
    return proxy ? this.route(proxy).agent : undefined
  }

  async close(): Promise<void> {
    const routes = [...this.routes.values()]
    this.routes.clear()
    for (const route of routes) route.agent.destroy()
    await Promise.all(routes.map((route) => route.dispatcher.close().catch(() => undefined)))
  }

  private route(proxyUrl: string): Route {
    let route = this.routes.get(proxyUrl)
    if (!route) {
      // Both tunnel with CONNECT, to http and https targets alike.
      route = { proxyUrl, dispatcher: new ProxyAgent({ uri: proxyUrl, proxyTunnel: true }), agent: new HttpsProxyAgent(proxyUrl) }
      this.routes.set(proxyUrl, route)
    }
    return route
  }
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)
}

/** The proxy HTTPS_PROXY / HTTP_PROXY name for `target`, unless NO_PROXY exempts it (curl's rules, simplified). */
export function envProxyFor(target: URL, env: Env): string | null {
  const get = (name: string) => env[name] ?? env[name.toLowerCase()]
  const secure = target.protocol === 'https:' || target.protocol === 'wss:'
  const proxy = (secure ? get('HTTPS_PROXY') : get('HTTP_PROXY')) ?? get('ALL_PROXY')
  if (!proxy) return null
  const exempt = (get('NO_PROXY') ?? '').split(/[\s,]+/).filter(Boolean)
  const host = target.hostname.toLowerCase()
  for (const entry of exempt) {
    if (entry === '*') return null
    const name = entry.replace(/:\d+$/, '').replace(/^\*?\./, '').toLowerCase()
    if (host === name || host.endsWith(`.${name}`)) return null
  }
  return proxy
}
