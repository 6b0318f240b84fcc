import { describe, expect, it } from 'vitest'
import { groupSecret, qrDataUrl, qrMatrix } from './adminQr'

const URI = 'otpauth://totp/TelemetryFlow:admin.telemetryflow%40telemetryflow.id?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=TelemetryFlow'

describe('qrMatrix', () => {
  const matrix = qrMatrix(URI)
  const n = matrix.length

  it('is square, of a QR version size (17 + 4v), large enough for the URI', () => {
    expect(matrix.every((row) => row.length === n)).toBe(true)
    expect((n - 17) % 4).toBe(0)
    expect(n).toBeGreaterThanOrEqual(37) // ~130 bytes at level M need version 6 or more
  })

  it('has the three finder patterns: dark 7×7 rings with a dark 3×3 centre', () => {
    const finder = (top: number, left: number) => {
      for (let r = 0; r < 7; r++) {
        for (let c = 0; c < 7; c++) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6
          const centre = r >= 2 && r <= 4 && c >= 2 && c <= 4
          expect(matrix[top + r][left + c], `module ${top + r},${left + c}`).toBe(ring || centre)
        }
      }
    }
    finder(0, 0)
    finder(0, n - 7)
    finder(n - 7, 0)
  })

  it('differs for a different secret', () => {
    expect(qrMatrix(URI.replace('JBSW', 'KRSX'))).not.toEqual(matrix)
  })
})

describe('qrDataUrl', () => {
  it('is an inline SVG drawing every dark module, inside a quiet zone', () => {
    const url = qrDataUrl(URI)
    expect(url.startsWith('data:image/svg+xml,')).toBe(true)
    const svg = decodeURIComponent(url.slice('data:image/svg+xml,'.length))
    const n = qrMatrix(URI).length
    expect(svg).toContain(`viewBox="0 0 ${n + 8} ${n + 8}"`)
    const dark = qrMatrix(URI).flat().filter(Boolean).length
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(dark)
    expect(svg).toContain('M4 4h1v1h-1z') // the top-left finder's corner, after the 4-module margin
  })
})

describe('groupSecret', () => {
  it('groups in fours, ignoring spaces', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP')
    expect(groupSecret('JBS WY3')).toBe('JBSW Y3')
    expect(groupSecret('')).toBe('')
  })
})
