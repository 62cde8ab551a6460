export * from './names';
export * from './database';
export * from './identity';
export * from './nats';
export * from './client';
export * from './subgraph';
export * from './wait';
export * from './cpu';
