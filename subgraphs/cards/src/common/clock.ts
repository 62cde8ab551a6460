// The kit's one Clock (cards imports it from here until its call sites name the kit).
export { ManualClock, systemClock, type Clock } from '@saldo/kit';
