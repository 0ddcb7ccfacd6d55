/**
 * Some of a home's sections need one cloud call per device (who a device is shared with, its
 * timers: the API has no home-wide form). Homes up to this many devices are read on opening;
 * a larger one waits for the user to ask: a 10,000-device home is 10,000 calls, minutes of
 * the cloud's rate, on every visit.
 */
export const PER_DEVICE_READ_LIMIT = 200
