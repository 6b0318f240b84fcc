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

/**
 * The code as an SVG data: URL (the CSP allows img-src data:): one path of dark modules on white, with the 4-module
 * quiet zone scanners need; it scales without blur.
 */
export function qrDataUrl(text: string): string {
  const matrix = qrMatrix(text)
  const size = matrix.length + 8
  let path = ''
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (dark) path += `M${c + 4} ${r + 4}h1v1h-1z`
  }))
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">`
    + `<rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  return `data:image/svg+xml,${encodeURIComponent(svg)}`
}

/** A base32 secret in groups of four, easier to type into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}
