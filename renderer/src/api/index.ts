/**
 * The renderer's typed client of the core, one namespace per domain, derived from
 * shared/contracts: `useApi().device.control({ deviceId, values })` sends the bridge command
 * 'device.control' and resolves to its result (or throws a DeskError). Nothing here lists
 * commands: a command added to a contract is callable here at once.
 */
import type { CommandArgs, CommandName, CommandResult } from '@shared/contracts'
import { useDesk } from '@/bridge'

type Call<C extends CommandName> = object extends CommandArgs<C>
  ? (args?: CommandArgs<C>) => Promise<CommandResult<C>>
  : (args: CommandArgs<C>) => Promise<CommandResult<C>>

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never
type DomainApi<D extends string> = { [C in CommandName as C extends `${D}.${infer Verb}` ? Verb : never]: Call<C> }

export type DeskApi = { [D in DomainOf<CommandName>]: DomainApi<D> }

function domain(name: string): object {
  return new Proxy(
    {},
    {
      get: (_target, verb) =>
        typeof verb === 'string' && verb !== 'then'
          ? (args: unknown = {}) => useDesk().call(`${name}.${verb}` as CommandName, args as never)
          : undefined,
    },
  )
}

const api = new Proxy({} as DeskApi, {
  get: (_target, name) => (typeof name === 'string' && name !== 'then' ? domain(name) : undefined),
})

/** The app-wide typed client; it reads the current bridge at each call (tests swap it). */
export function useApi(): DeskApi {
  return api
}
