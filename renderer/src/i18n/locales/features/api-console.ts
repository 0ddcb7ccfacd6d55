/** Strings of the api console views; zh-CN typed against en so the key sets match. */
export const apiConsoleEn = {
  title: 'API console',
}

export const apiConsoleZh: typeof apiConsoleEn = {
  title: 'API 控制台',
}
