/** Strings of the recordings views; zh-CN typed against en so the key sets match. */
export const recordingsEn = {
  title: 'Recordings',
}

export const recordingsZh: typeof recordingsEn = {
  title: '云端录像',
}
