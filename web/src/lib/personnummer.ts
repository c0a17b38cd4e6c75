// Quick checks of a Swedish personnummer/samordningsnummer before it is sent; the server decides.

/** Digits only, or null when the text holds anything but digits, one '-' or '+', and spaces. */
export function digitsOf(text: string): string | null {
  const t = text.trim().replace(/\s+/g, '');
  if (!/^\d{6,8}[-+]?\d{4}$/.test(t)) return null;
  return t.replace(/[-+]/g, '');
}

/** The Luhn check digit over the ten-digit form (YYMMDDNNNC). */
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

export type IdentifierCheck = 'ok' | 'format' | 'checksum';

/** 'ok' for 10 or 12 digits with a valid check digit (samordningsnummer: day + 60 is fine). */
export function checkIdentifier(text: string): IdentifierCheck {
  const d = digitsOf(text);
  if (!d || (d.length !== 10 && d.length !== 12)) return 'format';
  const ten = d.length === 12 ? d.slice(2) : d;
  return luhnValid(ten) ? 'ok' : 'checksum';
}

/** A number as Nära shows it elsewhere (the person's page): YYYYMMDD-NNNN; any other form is kept. */
export function formatPersonnummer(text: string): string {
  const t = text.trim();
  return /^\d{12}$/.test(t) ? `${t.slice(0, 8)}-${t.slice(8)}` : t;
}
