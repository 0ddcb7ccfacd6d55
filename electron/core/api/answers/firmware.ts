/** What the firmware actions answer (AppCheckFirmwareUpdate, AppDescribeFirmwareUpdateStatus, AppDescribeFirmware). */
import { z } from 'zod'
import { int, optStr, str } from './read'

export const checkShape = z.object({ CurrentVersion: str, DstVersion: optStr })
/** The reference's success example lost Status at a page break; an answer without it is malformed. */
export const statusShape = z.object({ Status: int, Percent: int.optional().default(0), OriVersion: optStr, DstVersion: optStr, ErrMsg: optStr })
export const firmwareShape = z.object({
  ProductId: optStr,
  ProductName: optStr,
  Version: optStr,
  Name: optStr,
  Description: optStr,
  Md5sum: optStr,
  Createtime: z.union([int, z.null()]).optional().transform((v) => v ?? 0),
  FwType: optStr,
})
/** AppGetDeviceOTAInfo: where the target firmware is, and both versions. */
export const otaInfoShape = z.object({ FirmwareURL: optStr, TargetVersion: optStr, UploadVersion: optStr })
