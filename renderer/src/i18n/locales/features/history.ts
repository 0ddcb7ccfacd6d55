/** Strings of the history views; zh-CN typed against en so the key sets match. */
export const historyEn = {
  title: 'History',
}

export const historyZh: typeof historyEn = {
  title: '历史数据',
}
