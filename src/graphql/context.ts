import type { Services } from '../modules/index.js';

declare module 'mercurius' {
  interface MercuriusContext {
    services: Services;
  }
}
