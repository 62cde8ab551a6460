// The kit's request helpers (cards imports them from here until its call sites name the kit).
export { userOf, zoneOf } from '@saldo/kit';
