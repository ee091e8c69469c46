import type { Dialect, NativeSection } from '../dialects/dialect.js';
import { DIALECTS, type Engine } from '../dialects/index.js';
import type { Values } from './values-schema.js';

/** An engine's own section of the values, `networkPolicy.<engine>`, if the engine has one. */
export function nativeSectionOf(values: Values, engine: Engine): NativeSection | undefined {
  const sections: Partial<Record<Engine, NativeSection>> = values.networkPolicy;
  const dialect: Dialect = DIALECTS[engine];
  return dialect.section ? sections[engine] : undefined;
}

