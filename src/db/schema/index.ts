export * from './accounts.js';
export * from './employers.js';
export * from './gigs.js';
export * from './hiring.js';
export * from './meta.js';
export * from './outbox.js';
export * from './reference.js';
export * from './workers.js';
