/** How one documented action looks as data (see ./catalog.ts). */
export type Endpoint = 'appapi' | 'tokenapi' | 'ws'

export type ParamKind = 'string' | 'integer' | 'boolean' | 'object' | 'array'

export interface ParamSpec {
  name: string
  /** The type as the reference prints it ("Int64", "Array of String", ...). */
  type: string
  kind: ParamKind
  required: boolean
  description: string
  /** The spelling the reference's example request uses, where it differs from the table. */
  exampleName?: string
}

export interface OutputSpec {
  name: string
  type: string
  description: string
}

export interface ActionSpec {
  /** The Action as printed in the reference. */
  action: string
  /** For AppKugouUserCommand: the KGCommand this entry documents. */
  subcommand?: string
  /** Another spelling a real cloud may answer to (lotVideo… printed for IotVideo…). */
  wireAlias?: string
  /** For WebSocket entries: the `action` value on the wire. */
  wsAction?: string
  title: string
  group: string
  endpoint: Endpoint
  /** Changes state in the cloud or on a device: confirm first, audit always. */
  mutating: boolean
  description: string
  params: ParamSpec[]
  outputs: OutputSpec[]
  errors: string[]
}
