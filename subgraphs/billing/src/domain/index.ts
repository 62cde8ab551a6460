export * from './documents';
export * from './boleto';
export * from './banks';
export * from './pix';
export * from './charge-csv';
export * from './boleto-pdf';
