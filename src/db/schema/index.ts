export * from './meta.js';
export * from './reference.js';
