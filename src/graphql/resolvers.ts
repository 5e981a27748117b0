import type { IResolvers, MercuriusLoaders } from 'mercurius';
import { referenceLoaders } from '../modules/reference/reference.loaders.js';
import { referenceResolvers } from '../modules/reference/reference.resolvers.js';
import './context.js';
import { DateTime } from './scalars.js';

/** Joins the per-module maps type by type (several modules add fields to Query and Mutation). */
function mergeByType<T extends object>(...parts: T[]): T {
  const merged: Record<string, object> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part as Record<string, object>)) {
      merged[type] = { ...merged[type], ...fields };
    }
  }
  return merged as T;
}

export const resolvers = { DateTime, ...mergeByType(referenceResolvers) } as IResolvers;

export const loaders: MercuriusLoaders = mergeByType(referenceLoaders);
