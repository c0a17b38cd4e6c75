import { checkIdentifier, digitsOf, luhnValid, formatPersonnummer } from './personnummer';

describe('personnummer check', () => {
  it('accepts the written forms with a valid check digit', () => {
    expect(checkIdentifier('19121212-1212')).toBe('ok');
    expect(checkIdentifier('121212-1212')).toBe('ok');
    expect(checkIdentifier('191212121212')).toBe('ok');
    expect(checkIdentifier(' 19400718-9196 ')).toBe('ok');
    expect(checkIdentifier('121212+1212')).toBe('ok');
  });
  it('names a wrong check digit apart from a wrong format', () => {
    expect(checkIdentifier('19121212-1213')).toBe('checksum');
    expect(checkIdentifier('1912-1212')).toBe('format');
    expect(checkIdentifier('abc')).toBe('format');
    expect(checkIdentifier('')).toBe('format');
  });
  it('accepts a samordningsnummer (day + 60)', () => {
    expect(luhnValid('7010632391')).toBe(true);
  });
  it('reads digits only from allowed forms', () => {
    expect(digitsOf('19121212-1212')).toBe('191212121212');
    expect(digitsOf('1912 1212 1212')).toBe('191212121212');
    expect(digitsOf('19121212/1212')).toBeNull();
  });
});

describe('formatPersonnummer', () => {
  it('writes twelve digits as YYYYMMDD-NNNN, as the person page shows them', () => {
    expect(formatPersonnummer('194007189196')).toBe('19400718-9196');
    expect(formatPersonnummer('19400718-9196')).toBe('19400718-9196');
    expect(formatPersonnummer('RES-123')).toBe('RES-123');
  });
});
