/** One problem found in a rendered object. `path` is a field path such as `spec.ingress[0].from[1]`. */
export interface Violation {
  path: string;
  message: string;
}
