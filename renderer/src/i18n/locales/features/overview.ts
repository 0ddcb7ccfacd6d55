/** Strings of the fleet overview views; zh-CN typed against en so the key sets match. */
export const overviewEn = {
  title: 'Fleet overview',
}

export const overviewZh: typeof overviewEn = {
  title: '设备总览',
}
