export * from './documents';
export * from './boleto';
export * from './banks';
export * from './pix';
