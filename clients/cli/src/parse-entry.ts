// Amounts as people type them (`saldo transfer 1.234,56 ...`) and the user's today. Entries
// from free text (`saldo add`) are read by the ai subgraph's parseEntryText.

/** Today in `timeZone` as `YYYY-MM-DD`. */
export function localToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `45,90`, `1.234,56`, `45.90`, `1,234.56`, `+100` -> sign and a dot-decimal string. */
export function parseAmount(token: string): { sign: 1 | -1 | 0; amount: string } | null {
  const m = /^([+-]?)(?:R\$)?(\d[\d.,]*)$/i.exec(token);
  if (!m) return null;
  const [, signText = '', digits = ''] = m;
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(digits) || /^\d+(,\d{1,2})?$/.test(digits)) {
    normalised = digits.replace(/\./g, '').replace(',', '.');
  } else if (
    // English thousands only when unambiguous: "1,234.50" or "1,234,567" (not "45,901").
    /^\d{1,3}(,\d{3})+\.\d{1,2}$/.test(digits) ||
    /^\d{1,3}(,\d{3}){2,}$/.test(digits) ||
    /^\d+(\.\d{1,2})?$/.test(digits)
  ) {
    normalised = digits.replace(/,/g, '');
  } else {
    return null;
  }
  return { sign: signText === '+' ? 1 : signText === '-' ? -1 : 0, amount: normalised };
}
