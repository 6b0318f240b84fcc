// QR codes for MFA enrolment, drawn in the browser (the otpauth URI carries the TOTP secret: it never leaves the page).
import qrcode from 'qrcode-generator'

/** The QR code's modules (true = dark), error correction M, the smallest version that holds `text`. */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const size = qr.getModuleCount()
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)))
}

/** A data: URL image of the code (the CSP allows img-src data:), `cell` pixels a module, a 4-module quiet zone. */
export function qrDataUrl(text: string, cell = 4): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cell, cell * 4)
}

/** A base32 secret in groups of four, easier to type into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}
