import { describe, expect, expectTypeOf, it } from 'vitest'
import { commandArgs, type CommandName, type EventName } from '../../shared/bridge'
import { COMMAND_NAMES, EVENT_NAMES, type ListedCommandName, type ListedEventName } from '../../shared/bridge-names'

// shared/bridge-names.ts repeats the names so the preload can bundle them without zod.
// These checks fail (in tsc and at run time) when the two drift apart.
describe('bridge names', () => {
  it('lists exactly the commands that have schemas', () => {
    expectTypeOf<ListedCommandName>().toEqualTypeOf<CommandName>()
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commandArgs).sort())
  })

  it('lists exactly the events of BridgeEvents', () => {
    expectTypeOf<ListedEventName>().toEqualTypeOf<EventName>()
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length)
  })
})
