/** Strings of the firmware rollouts views; zh-CN typed against en so the key sets match. */
export const rolloutEn = {
  title: 'Firmware rollouts',
}

export const rolloutZh: typeof rolloutEn = {
  title: '固件升级',
}
