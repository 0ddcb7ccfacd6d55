import { describe, expect, it } from 'vitest'
import { useApi } from '@/api'
import { setDeskClient } from '@/bridge'
import { DeskError } from '@/bridge/desk-error'
import { fakeDesk } from './fake-desk'
import { rooms } from './fixtures'

describe("the renderer's typed client", () => {
  it('sends <domain>.<verb> with its arguments and resolves to the result', async () => {
    const desk = fakeDesk({ 'rooms.list': () => rooms })
    setDeskClient(desk)
    expect(await useApi().rooms.list({ familyId: 'f-1' })).toEqual(rooms)
    expect(desk.calls).toEqual([{ command: 'rooms.list', args: { familyId: 'f-1' } }])
    setDeskClient(null)
  })

  it('refuses, in tests, an answer outside the contract, naming the command and the field', async () => {
    setDeskClient(fakeDesk({ 'rooms.list': () => [{ roomId: 'r1' } as never] }))
    const failure = useApi().rooms.list({ familyId: 'f-1' })
    await expect(failure).rejects.toBeInstanceOf(DeskError)
    await expect(failure).rejects.toMatchObject({ code: 'Desk.MalformedResponse', message: expect.stringMatching(/^rooms\.list answered outside its contract \(0\.name: /) })
    setDeskClient(null)
  })
})
