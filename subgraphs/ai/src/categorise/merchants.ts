/**
 * Built-in knowledge of common Brazilian and English-language merchants and bank lines: a
 * normalised description's merchant and the kind of spending it is. The group is mapped to
 * one of the user's own categories by what the user did with other merchants of the group
 * (see CategoryModel); a group is never a category by itself.
 */
export type MerchantGroup =
  | 'FOOD_DELIVERY'
  | 'RESTAURANTS'
  | 'GROCERIES'
  | 'TRANSPORT'
  | 'FUEL'
  | 'SUBSCRIPTIONS'
  | 'PHARMACY'
  | 'TELECOM'
  | 'UTILITIES'
  | 'BANK_FEES'
  | 'TAXES'
  | 'TRANSFERS'
  | 'SHOPPING'
  | 'TRAVEL'
  | 'SALARY';

export interface Merchant {
  name: string;
  group: MerchantGroup;
}

const KNOWN: [RegExp, string, MerchantGroup][] = [
  [/\bIFOOD\b|\bIFD\b/, 'iFood', 'FOOD_DELIVERY'],
  [/\bRAPPI\b/, 'Rappi', 'FOOD_DELIVERY'],
  [/\bDELIVEROO\b/, 'Deliveroo', 'FOOD_DELIVERY'],
  [/\bJUST EAT\b|\bJUSTEAT\b/, 'Just Eat', 'FOOD_DELIVERY'],
  [/\bUBER ?EATS\b/, 'Uber Eats', 'FOOD_DELIVERY'],
  [/\bMC ?DONALDS?\b|\bMCDONALD S\b/, "McDonald's", 'RESTAURANTS'],
  [/\bBURGER KING\b/, 'Burger King', 'RESTAURANTS'],
  [/\bSTARBUCKS\b/, 'Starbucks', 'RESTAURANTS'],
  [/\bPRET A MANGER\b|\bPRET\b/, 'Pret', 'RESTAURANTS'],
  [/\bOUTBACK\b/, 'Outback', 'RESTAURANTS'],
  [/\bPAO DE ACUCAR\b|\bGPA\b/, 'Pão de Açúcar', 'GROCERIES'],
  [/\bCARREFOUR\b/, 'Carrefour', 'GROCERIES'],
  [/\bASSAI\b/, 'Assaí', 'GROCERIES'],
  [/\bATACADAO\b/, 'Atacadão', 'GROCERIES'],
  [/\bEXTRA\b/, 'Extra', 'GROCERIES'],
  [/\bTESCO\b/, 'Tesco', 'GROCERIES'],
  [/\bSAINSBURY S?\b/, "Sainsbury's", 'GROCERIES'],
  [/\bWAITROSE\b/, 'Waitrose', 'GROCERIES'],
  [/\bLIDL\b/, 'Lidl', 'GROCERIES'],
  [/\bALDI\b/, 'Aldi', 'GROCERIES'],
  [/\bWHOLE FOODS\b/, 'Whole Foods', 'GROCERIES'],
  [/\bUBER\b(?! ?EATS)/, 'Uber', 'TRANSPORT'],
  [/\b99 ?(?:POP|APP|TAXI)\b|\b99APP\b/, '99', 'TRANSPORT'],
  [/\bCABIFY\b/, 'Cabify', 'TRANSPORT'],
  [/\bLYFT\b/, 'Lyft', 'TRANSPORT'],
  [/\bMETRO\b|\bTFL\b|\bBILHETE UNICO\b/, 'Public transport', 'TRANSPORT'],
  [/\bSHELL\b/, 'Shell', 'FUEL'],
  [/\bIPIRANGA\b/, 'Ipiranga', 'FUEL'],
  [/\bPETROBRAS\b|\bBR MANIA\b/, 'Petrobras', 'FUEL'],
  [/\bPOSTO\b/, 'Posto', 'FUEL'],
  [/\bNETFLIX\b/, 'Netflix', 'SUBSCRIPTIONS'],
  [/\bSPOTIFY\b/, 'Spotify', 'SUBSCRIPTIONS'],
  [/\bDISNEY ?PLUS\b|\bDISNEY\b/, 'Disney+', 'SUBSCRIPTIONS'],
  [/\bAMAZON PRIME\b|\bPRIME VIDEO\b/, 'Amazon Prime', 'SUBSCRIPTIONS'],
  [/\bHBO ?MAX\b|\bMAX\b/, 'Max', 'SUBSCRIPTIONS'],
  [/\bGLOBOPLAY\b/, 'Globoplay', 'SUBSCRIPTIONS'],
  [/\bYOUTUBE\b|\bGOOGLE ONE\b/, 'Google', 'SUBSCRIPTIONS'],
  [/\bAPPLE COM BILL\b|\bAPPLE\b/, 'Apple', 'SUBSCRIPTIONS'],
  [/\bDROGASIL\b/, 'Drogasil', 'PHARMACY'],
  [/\bDROGA ?RAIA\b|\bRAIA\b/, 'Droga Raia', 'PHARMACY'],
  [/\bPAGUE MENOS\b/, 'Pague Menos', 'PHARMACY'],
  [/\bDROGARIA\b|\bFARMACIA\b/, 'Pharmacy', 'PHARMACY'],
  [/\bBOOTS\b/, 'Boots', 'PHARMACY'],
  [/\bVIVO\b/, 'Vivo', 'TELECOM'],
  [/\bCLARO\b/, 'Claro', 'TELECOM'],
  [/\bTIM\b/, 'TIM', 'TELECOM'],
  [/\bVODAFONE\b/, 'Vodafone', 'TELECOM'],
  [/\bENEL\b|\bCEMIG\b|\bCOPEL\b|\bLIGHT\b|\bSABESP\b|\bCOMGAS\b/, 'Utility', 'UTILITIES'],
  [/\bTHAMES WATER\b|\bBRITISH GAS\b|\bOCTOPUS ENERGY\b/, 'Utility', 'UTILITIES'],
  [
    /\bTARIFA\b|\bANUIDADE\b|\bCESTA DE SERVICOS\b|\bMONTHLY FEE\b|\bACCOUNT FEE\b/,
    'Bank fee',
    'BANK_FEES',
  ],
  [/\bIOF\b/, 'IOF', 'TAXES'],
  [/\bDARF\b|\bIPVA\b|\bIPTU\b|\bHMRC\b|\bCOUNCIL TAX\b/, 'Tax', 'TAXES'],
  [/\bPIX ENVIADO\b|\bPIX TRANSF\b|\bTED ENVIADA\b|\bDOC ENVIADO\b/, 'Transfer', 'TRANSFERS'],
  [
    /\bAMAZON\b(?! PRIME)|\bMERCADO ?LIVRE\b|\bMAGALU\b|\bSHOPEE\b|\bALIEXPRESS\b/,
    'Online shop',
    'SHOPPING',
  ],
  [
    /\bLATAM\b|\bGOL LINHAS\b|\bAZUL\b|\bBOOKING\b|\bAIRBNB\b|\bRYANAIR\b|\bEASYJET\b/,
    'Travel',
    'TRAVEL',
  ],
  [/\bSALARIO\b|\bSALARY\b|\bFOLHA DE PAGAMENTO\b|\bPAYROLL\b/, 'Salary', 'SALARY'],
];

/** The known merchant of a normalised description, or null. */
export function merchantOf(normalised: string): Merchant | null {
  for (const [pattern, name, group] of KNOWN) {
    if (pattern.test(normalised)) return { name, group };
  }
  return null;
}
