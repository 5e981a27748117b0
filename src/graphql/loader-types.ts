import type { MercuriusContext } from 'mercurius';

/**
 * mercurius-codegen types a loader's parent as the GraphQL type, not as the record our resolvers
 * pass down, so loaders are typed here by their record and joined into MercuriusLoaders once.
 */
export type LoaderQuery<T> = { obj: T; params: unknown };
export type Loader<T> = (queries: LoaderQuery<T>[], context: MercuriusContext) => Promise<unknown[]>;
// biome-ignore lint/suspicious/noExplicitAny: each module's loaders have their own record type
export type ModuleLoaders = Record<string, Record<string, Loader<any>>>;
