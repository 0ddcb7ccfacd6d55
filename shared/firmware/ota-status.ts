/**
 * What the cloud's OTA numbers mean, in one place for the app, its renderer and the sandbox.
 *
 * AppDescribeFirmwareUpdateStatus `Status`: an upgrade goes 1 pending → 2 message delivered
 * → 3 downloading → 20 download completed → 4 burning, and ends 6 done or 5 failed; 7 "being
 * processed" is what a device's AppReportOTAStatus State "updating" shows, so it is under
 * way too. 0 "device is offline" and 8 "waiting for user confirmation" are states outside a
 * running upgrade. Status 6 alone never proves success: the device must also report the
 * target version.
 *
 * AppReportOTAStatus `ResultCode`: 0 success, -1..-5 the documented failures.
 * English wording is the reference's; the renderer shows the locale keys
 * `rollout.otaStatus.s<code>` and `rollout.resultCode.<key>` instead.
 */

export const OtaStatus = {
  Offline: 0,
  Pending: 1,
  Delivered: 2,
  Downloading: 3,
  Burning: 4,
  Failed: 5,
  Done: 6,
  Processing: 7,
  AwaitingConfirmation: 8,
  Downloaded: 20,
} as const
export type OtaStatus = (typeof OtaStatus)[keyof typeof OtaStatus]

const STATUS_TEXT: Readonly<Record<OtaStatus, string>> = {
  0: 'Device is offline',
  1: 'Pending processing',
  2: 'Message delivered',
  3: 'Downloading',
  4: 'Burning',
  5: 'Failed',
  6: 'Update completed',
  7: 'Being processed',
  8: 'Waiting for user confirmation',
  20: 'Download completed',
}

export const OTA_STATUSES: readonly OtaStatus[] = Object.values(OtaStatus)

const UNDER_WAY: ReadonlySet<number> = new Set<OtaStatus>([
  OtaStatus.Pending,
  OtaStatus.Delivered,
  OtaStatus.Downloading,
  OtaStatus.Downloaded,
  OtaStatus.Burning,
  OtaStatus.Processing,
])

export function isKnownOtaStatus(status: number): status is OtaStatus {
  return Object.hasOwn(STATUS_TEXT, status)
}

/** An upgrade is in flight: publishing again would collide with it. */
export const isOtaUnderWay = (status: number): boolean => UNDER_WAY.has(status)
export const isOtaFailed = (status: number): boolean => status === OtaStatus.Failed
/** The device says it finished (still to be checked against the version it reports). */
export const isOtaDone = (status: number): boolean => status === OtaStatus.Done
/** The upgrade ended, one way or the other. */
export const isOtaTerminal = (status: number): boolean => isOtaDone(status) || isOtaFailed(status)

/** The reference's words for a Status ('' when none is known yet; unknown codes say their number). */
export function otaStatusText(status: number | null | undefined): string {
  if (status === null || status === undefined) return ''
  return isKnownOtaStatus(status) ? STATUS_TEXT[status] : `Status ${status}`
}

/** The locale key and its placeholder for a Status code. */
export function otaStatusKey(status: number): { key: string; params: { code: number } } {
  return { key: isKnownOtaStatus(status) ? `rollout.otaStatus.s${status}` : 'rollout.otaStatus.unknown', params: { code: status } }
}

/**
 * AppReportOTAStatus State words and the Status each shows. The reference lists
 * downloading, "FAIL", an unnamed success value, burning and updating; its example sends
 * "done" for success and its ResultMsg row says "fail".
 */
const STATE_STATUS = {
  downloading: OtaStatus.Downloading,
  burning: OtaStatus.Burning,
  updating: OtaStatus.Processing,
  done: OtaStatus.Done,
  fail: OtaStatus.Failed,
} as const satisfies Record<string, OtaStatus>
export type OtaStateWord = keyof typeof STATE_STATUS
export const OTA_STATE_WORDS = Object.keys(STATE_STATUS) as OtaStateWord[]

/** The Status a State word reports (any case), or undefined for a word the reference does not know. */
export function otaStatusOfState(word: string): OtaStatus | undefined {
  const key = word.toLowerCase()
  return Object.hasOwn(STATE_STATUS, key) ? STATE_STATUS[key as OtaStateWord] : undefined
}

/** The State word a progress push carries for a Status (download completed is still downloading). */
export function otaStateOf(status: number): OtaStateWord {
  if (status === OtaStatus.Downloaded) return 'downloading'
  const found = OTA_STATE_WORDS.find((word) => STATE_STATUS[word] === status)
  return found ?? 'updating'
}

export const OtaResultCode = {
  Ok: 0,
  DownloadTimeout: -1,
  FileMissing: -2,
  SignatureExpired: -3,
  Md5Mismatch: -4,
  UpdateFailed: -5,
} as const
export type OtaResultCode = (typeof OtaResultCode)[keyof typeof OtaResultCode]

export const OTA_RESULT_CODES: readonly OtaResultCode[] = Object.values(OtaResultCode)

const RESULT_MEANING: Readonly<Record<OtaResultCode, { text: string; key: string }>> = {
  0: { text: 'Succeeded', key: 'ok' },
  [-1]: { text: 'Download timeout', key: 'm1' },
  [-2]: { text: 'File does not exist', key: 'm2' },
  [-3]: { text: 'Signature expired', key: 'm3' },
  [-4]: { text: 'MD5 mismatch', key: 'm4' },
  [-5]: { text: 'Firmware update failed', key: 'm5' },
}

export function isKnownOtaResult(code: number): code is OtaResultCode {
  return Object.hasOwn(RESULT_MEANING, code)
}

export function otaResultText(code: number | null | undefined): string {
  if (code === null || code === undefined) return ''
  return isKnownOtaResult(code) ? RESULT_MEANING[code].text : `ResultCode ${code}`
}

export function otaResultKey(code: number): { key: string; params: { code: number } } {
  return { key: isKnownOtaResult(code) ? `rollout.resultCode.${RESULT_MEANING[code].key}` : 'rollout.resultCode.unknown', params: { code } }
}
