export { createSaldoClient } from './client';
export type { CallOptions, Domains, SaldoAuthApi, SaldoClient, SaldoClientOptions } from './client';
export type { SaldoAuth, SignedIn } from './auth';
export { SaldoError, isSaldoError } from './errors';
export type { GraphQLErrorShape, SaldoErrorCode } from './errors';
export { memoryTokenStore, webStorageTokenStore } from './tokens';
export type { Tokens, TokenStore, WebStorage } from './tokens';
export type { UploadedFile, UploadOptions, UploadProgress, UploadSource } from './uploads';
export { operations } from './generated/operations';
// Every generated document and type, for client.request(document, variables).
export * from './generated/graphql';
