/** A text as a QR code image (an SVG data URL), redrawn when the text changes; '' until drawn. */
import { ref, watchEffect } from 'vue'
import QRCode from 'qrcode'

export function useQrCode(text: () => string) {
  const qr = ref('')
  watchEffect(async () => {
    const wanted = text()
    // SVG needs no canvas; quartile error correction still scans from a smudged print-out.
    const svg = await QRCode.toString(wanted, { type: 'svg', errorCorrectionLevel: 'Q', margin: 2 })
    // A later text may have been drawn while this one was; only the current one shows.
    if (wanted === text()) qr.value = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  })
  return qr
}
