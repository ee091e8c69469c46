/**
 * Name syntaxes of k8s.io/apimachinery/pkg/util/validation. Each check returns undefined when the
 * value is valid, else a message that says what the rule is, so the user can fix it without looking it up.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function checkDns1123Label(value: string): string | undefined {
  if (value.length > 63) return `${JSON.stringify(value)} is longer than 63 characters`;
  if (!DNS1123_LABEL.test(value)) {
    return `${JSON.stringify(value)} must be a DNS label: lower-case alphanumerics and '-', starting and ending with an alphanumeric`;
  }
  return undefined;
}

export function checkDns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return `${JSON.stringify(value)} is longer than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `${JSON.stringify(value)} must be a DNS subdomain: lower-case alphanumerics, '-' and '.', starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** Label and annotation keys: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63 characters. */
export function checkQualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return `${JSON.stringify(value)} is not a valid key: at most one '/' is allowed`;
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (!prefix) return `${JSON.stringify(value)} is not a valid key: the prefix before '/' is empty`;
    const prefixProblem = checkDns1123Subdomain(prefix);
    if (prefixProblem) return `${JSON.stringify(value)} is not a valid key: prefix ${prefixProblem}`;
  }
  if (!name) return `${JSON.stringify(value)} is not a valid key: the name is empty`;
  if (name.length > 63) return `${JSON.stringify(value)} is not a valid key: the name after '/' is longer than 63 characters`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `${JSON.stringify(value)} is not a valid key: alphanumerics, '-', '_' and '.' only, starting and ending with an alphanumeric`;
  }
  return undefined;
}

export function checkLabelValue(value: string): string | undefined {
  if (value.length > 63) return `${JSON.stringify(value)} is longer than 63 characters (label values)`;
  if (!LABEL_VALUE.test(value)) {
    return `${JSON.stringify(value)} is not a valid label value: alphanumerics, '-', '_' and '.' only, starting and ending with an alphanumeric`;
  }
  return undefined;
}

/** IANA_SVC_NAME (RFC 6335), the syntax of named container ports. */
export function checkPortName(value: string): string | undefined {
  const problem =
    value.length > 15
      ? 'at most 15 characters'
      : !/^[-a-z0-9]+$/.test(value)
        ? "lower-case alphanumerics and '-' only"
        : !/[a-z]/.test(value)
          ? 'at least one letter'
          : value.startsWith('-') || value.endsWith('-')
            ? "no leading or trailing '-'"
            : value.includes('--')
              ? "no '--'"
              : undefined;
  if (!problem) return undefined;
  const numeric = /^\d+$/.test(value) ? `; for port ${value} write the number unquoted` : '';
  return `${JSON.stringify(value)} is not a valid port name (IANA service name: ${problem})${numeric}`;
}
