import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SHARED = join(ROOT, '..', 'shared');
export const BIN = join(ROOT, 'bin', 'controller-network-policy');
