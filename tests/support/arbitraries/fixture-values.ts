import fc from 'fast-check';

/**
 * A real value of the fixture, by the name it fits; resolved when the call is made. `upper`: sent in
 * capitals (a UUID is the same id in either case).
 */
export class FixtureValue {
  constructor(
    readonly name: string,
    readonly index: number,
    readonly upper = false,
  ) {}
  [fc.toStringMethod]() {
    return `fixture.${this.name}[${this.index}]${this.upper ? '.toUpperCase()' : ''}`;
  }
}

/** An instant this many minutes from the moment of the call (test times are relative to now). */
export class FromNow {
  constructor(
    readonly minutes: number,
    readonly offset: 'Z' | '+08:00',
  ) {}
  [fc.toStringMethod]() {
    return `now${this.minutes >= 0 ? '+' : ''}${this.minutes}min(${this.offset})`;
  }
}

/** Whether a value names, anywhere in it, a fixture value of one of these names. */
export function usesFixture(value: unknown, names: ReadonlySet<string>): boolean {
  if (value instanceof FixtureValue) return names.has(value.name);
  if (value && typeof value === 'object') return Object.values(value).some((v) => usesFixture(v, names));
  return false;
}

/** The value to send: fixture values and relative times replaced by what they stand for now. */
export function resolveValue(value: unknown, values: Record<string, string[]>, now: Date): unknown {
  if (value instanceof FixtureValue) {
    const pool = values[value.name] ?? [];
    const real = pool.length > 0 ? pool[value.index % pool.length] : undefined;
    const id = real ?? '00000000-0000-4000-8000-000000000000';
    return value.upper ? id.toUpperCase() : id;
  }
  if (value instanceof FromNow) {
    const at = new Date(now.getTime() + value.minutes * 60_000);
    if (value.offset === 'Z') return at.toISOString();
    return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, -1)}+08:00`;
  }
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, values, now));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v, values, now)]));
  }
  return value;
}
