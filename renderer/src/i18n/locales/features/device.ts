/** Strings of the device views; zh-CN typed against en so the key sets match. */
export const deviceEn = {
  title: 'Device',
}

export const deviceZh: typeof deviceEn = {
  title: '设备详情',
}
