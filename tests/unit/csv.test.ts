import { describe, expect, it } from 'vitest'
import { toCsv } from '../../shared/csv'

const lines = (csv: string) => csv.split('\r\n')

describe('CSV writing', () => {
  it('writes a header and rows with CRLF line ends and a final CRLF', () => {
    expect(toCsv(['a', 'b'], [['1', 2]])).toBe('a,b\r\n1,2\r\n')
    expect(toCsv(['a'], [])).toBe('a\r\n')
  })

  it('quotes cells holding a comma, a quote or a line break (RFC 4180)', () => {
    expect(lines(toCsv(['x', 'y', 'z'], [['a,b', 'say "hi"', 'two\nlines']]))[1]).toBe('"a,b","say ""hi""","two\nlines"')
  })

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\uFF1D1', "'\uFF1D1"],
  ])('prefixes text starting with a formula character: %j', (cell, written) => {
    expect(lines(toCsv(['c'], [[cell]]))[1]).toBe(written)
  })

  it('quotes a formula after escaping it when it also holds a quote or comma', () => {
    expect(lines(toCsv(['c'], [['=HYPERLINK("x")']]))[1]).toBe(`"'=HYPERLINK(""x"")"`)
  })

  it('escapes "-5" written as text, but not -5 written as a number', () => {
    expect(lines(toCsv(['text', 'number'], [['-5', -5]]))[1]).toBe("'-5,-5")
  })

  it('writes null and undefined as empty cells and booleans as words', () => {
    expect(lines(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, true, false]]))[1]).toBe(',,true,false')
  })
})
