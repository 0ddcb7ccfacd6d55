import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'

/** What went through the proxy: each tunnel's CONNECT target and the HTTP request lines sent inside it. */
export interface Tunnel {
  target: string
  requests: string[]
}

export interface LoopbackProxy {
  url: string
  tunnels: Tunnel[]
  /** Plain (non-CONNECT) requests, which this proxy refuses. */
  refused: string[]
  close(): Promise<void>
}

/**
 * A tiny CONNECT proxy on 127.0.0.1 that sends every tunnel to 127.0.0.1 on the asked port,
 * whatever host was named: a client can only reach a made-up host name through it.
 */
export async function startLoopbackProxy(): Promise<LoopbackProxy> {
  const tunnels: Tunnel[] = []
  const refused: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    refused.push(`${req.method} ${req.url}`)
    res.writeHead(405).end()
  })
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const port = Number(new URL(`http://${req.url}`).port || 80)
    const tunnel: Tunnel = { target: String(req.url), requests: [] }
    tunnels.push(tunnel)
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      // A kept-alive tunnel carries several requests: note each request line seen in plain text.
      client.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('latin1').split('\r\n')) if (/^[A-Z]+ \S+ HTTP\/1\.1$/.test(line)) tunnel.requests.push(line)
      })
      client.pipe(upstream).pipe(client)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => (client.destroy(), upstream.destroy()))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    refused,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
