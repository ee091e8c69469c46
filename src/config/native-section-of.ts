import type { Dialect, NativeSection } from '../dialects/dialect.js';
import type { Engine } from '../dialects/index.js';
import type { Values } from './values-schema.js';

/** A dialect's own section of the values, `networkPolicy.<engine>`, if the dialect has one. */
export function nativeSectionOf(values: Values, dialect: Dialect): NativeSection | undefined {
  const sections: Partial<Record<Engine, NativeSection>> = values.networkPolicy;
  // the values schema holds a section for every registered dialect that declares one
  return dialect.section ? sections[dialect.engine as Engine] : undefined;
}
