// Installment markers in card descriptions: `Parcela 3/10`, `PARC 03/10`, `PARC 3 DE 10`,
// or a bare trailing `3/12` (Nubank's older style). A trailing `dd/mm` date reads the same
// way; we accept that ambiguity only where number <= count and count >= 2.

const WORDED = /\bparc(?:ela)?s?\.?\s*(\d{1,3})\s*(?:\/|de)\s*(\d{1,3})\b/i;
const TRAILING = /(?:^|[\s\-*])(\d{1,2})\s?\/\s?(\d{1,2})\s*$/;

export function detectInstallment(
  description: string,
): { number: number; count: number } | undefined {
  const m = WORDED.exec(description) ?? TRAILING.exec(description);
  if (!m) return undefined;
  const number = Number(m[1]);
  const count = Number(m[2]);
  if (number < 1 || count < 2 || number > count || count > 120) return undefined;
  return { number, count };
}
