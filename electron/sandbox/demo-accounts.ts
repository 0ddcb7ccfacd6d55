/**
 * Accounts every sandbox world has. The demo account is what a new user signs in with;
 * the neighbour owns a family the demo account cannot see (for permission checks) and
 * shares another one with it as an ordinary member.
 */
export interface DemoAccount {
  userId: string
  nickName: string
  email: string
  countryCode: string
  phoneNumber: string
  password: string
}

export const DEMO_ACCOUNT: Readonly<DemoAccount> = Object.freeze({
  userId: '100000001',
  nickName: 'Demo installer',
  email: 'demo@sandbox.local',
  countryCode: '86',
  phoneNumber: '13800000000',
  password: 'sandbox-demo',
})

export const NEIGHBOUR_ACCOUNT: Readonly<DemoAccount> = Object.freeze({
  userId: '100000002',
  nickName: 'Neighbour',
  email: 'neighbour@sandbox.local',
  countryCode: '86',
  phoneNumber: '13800000001',
  password: 'sandbox-neighbour',
})

export const DEMO_ACCOUNTS: readonly Readonly<DemoAccount>[] = [DEMO_ACCOUNT, NEIGHBOUR_ACCOUNT]
