// Large generated statements, for the 100k-row timing script and the scale test.

export function generateOfx(rows: number): Buffer {
  const parts: string[] = [
    'OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nENCODING:USASCII\nCHARSET:1252\n\n<OFX>\n<BANKMSGSRSV1><STMTTRNRS><STMTRS>\n',
    '<CURDEF>BRL\n<BANKACCTFROM><BANKID>0341<BRANCHID>0001<ACCTID>12345-6<ACCTTYPE>CHECKING</BANKACCTFROM>\n<BANKTRANLIST>\n',
  ];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const cents = ((i * 7919) % 100_000) - 50_000;
    const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    parts.push(
      `<STMTTRN>\n<TRNTYPE>${cents < 0 ? 'DEBIT' : 'CREDIT'}\n<DTPOSTED>202401${day}120000[-3:BRT]\n` +
        `<TRNAMT>${amount}\n<FITID>${1_000_000 + i}\n<MEMO>COMPRA CARTAO LOJA ${i % 977} PARC ${(i % 10) + 1}/10\n</STMTTRN>\n`,
    );
  }
  parts.push(
    '</BANKTRANLIST>\n<LEDGERBAL><BALAMT>1000,00<DTASOF>20240131</LEDGERBAL>\n</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n',
  );
  return Buffer.from(parts.join(''), 'latin1');
}

export function generateCsv(rows: number): Buffer {
  const parts: string[] = ['Data;Histórico;Descrição;Valor;Saldo\n'];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const cents = ((i * 7919) % 100_000) - 50_000;
    const abs = Math.abs(cents);
    const amount = `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
    parts.push(`${day}/01/2024;Pix enviado;"Fulano ${i % 977}; loja";${amount};1.000,00\n`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}
