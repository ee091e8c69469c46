import { checkCidr, isStrictSubnet, parseCidr, type Cidr } from '../../src/k8s/cidr.js';

test.each(['0.0.0.0/0', '10.0.0.0/8', '10.96.0.1/32', '192.0.2.128/25', '::/0', '2001:db8::/32', 'fe80::/10', '2001:db8:0:1::/64', '::1/128', '::ffff:10.0.0.0/104', '1:0:0:1::/64', '2001:db8::1:0:0:1/128'])(
  '%s is valid and canonical',
  (cidr) => expect(checkCidr(cidr)).toBeUndefined(),
);

test.each([
  ['10.0.0.1/8', '10.0.0.1/8 is not canonical: use 10.0.0.0/8'],
  ['192.0.2.255/25', '192.0.2.255/25 is not canonical: use 192.0.2.128/25'],
  ['2001:DB8::/32', '2001:DB8::/32 is not canonical: use 2001:db8::/32'],
  ['2001:0db8::/32', '2001:0db8::/32 is not canonical: use 2001:db8::/32'],
  ['2001:db8:0:0:0:0:0:0/32', '2001:db8:0:0:0:0:0:0/32 is not canonical: use 2001:db8::/32'],
  ['2001:db8::1/64', '2001:db8::1/64 is not canonical: use 2001:db8::/64'],
  ['1:0:0:1:0:0:0:0/128', '1:0:0:1:0:0:0:0/128 is not canonical: use 1:0:0:1::/128'],
  ['10.0.0.0', '"10.0.0.0" has no prefix length: write 10.0.0.0/32'],
  ['2001:db8::', '"2001:db8::" has no prefix length: write 2001:db8::/128'],
  ['010.0.0.0/8', '"010.0.0.0/8" is not a valid CIDR'],
  ['10.0.0.256/32', '"10.0.0.256/32" is not a valid CIDR'],
  ['10.0.0/8', '"10.0.0/8" is not a valid CIDR'],
  ['10.0.0.0/33', '"10.0.0.0/33" is not a valid CIDR: the prefix length must be 0-32'],
  ['10.0.0.0/08', '"10.0.0.0/08" is not a valid CIDR: the prefix length must be 0-32'],
  ['2001:db8::/129', '"2001:db8::/129" is not a valid CIDR: the prefix length must be 0-128'],
  ['1::2::3/64', '"1::2::3/64" is not a valid CIDR'],
  ['1:2:3:4:5:6:7:8:9/64', '"1:2:3:4:5:6:7:8:9/64" is not a valid CIDR'],
  ['1:2:3:4:5:6:7::8/64', '"1:2:3:4:5:6:7::8/64" is not a valid CIDR'],
  ['fe80::1%eth0/64', '"fe80::1%eth0/64" is not a valid CIDR'],
  [' 10.0.0.0/8', '" 10.0.0.0/8" is not a valid CIDR'],
  ['', '"" is not a valid CIDR'],
])('%p: %s', (cidr, message) => expect(checkCidr(cidr)).toBe(message));

const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

test.each([
  ['10.1.0.0/16', '10.0.0.0/8', true],
  ['10.0.0.0/8', '10.0.0.0/8', false],
  ['10.0.0.0/8', '10.1.0.0/16', false],
  ['11.0.0.0/16', '10.0.0.0/8', false],
  ['0.0.0.0/1', '0.0.0.0/0', true],
  ['2001:db8:1::/48', '2001:db8::/32', true],
  ['::/1', '0.0.0.0/0', false],
])('%s strictly inside %s: %p', (inner, outer, expected) => expect(isStrictSubnet(cidr(inner), cidr(outer))).toBe(expected));
