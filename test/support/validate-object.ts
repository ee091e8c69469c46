import { dialectOf } from '../../src/dialects/index';
import { validateObject as validateAs, type Violation } from '../../src/validate/validate-object';

/** Schema + rule check of an object of any dialect's kind (the dialect is found by apiVersion and kind). */
export function validateObject(object: { apiVersion: string; kind: string; [k: string]: unknown }): Violation[] {
  const dialect = dialectOf(object);
  if (!dialect) throw new Error(`no dialect renders ${object.apiVersion} ${object.kind}`);
  return validateAs(object, dialect.validation);
}
