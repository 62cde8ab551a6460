import { Scope } from '@saldo/kit';

const interned = new Map<string, ReadonlySet<string>>();

/**
 * One shared, frozen set per distinct scope list: thousands of connected callers
 * hold the same few scope sets, so each costs a pointer instead of a Set.
 * Only the router grants itself `router`: a credential can never carry it in.
 */
export function scopeSet(scopes: readonly string[]): ReadonlySet<string> {
  const clean = [...new Set(scopes.filter((s) => s && s !== (Scope.ROUTER as string)))].sort();
  const key = clean.join(' ');
  let set = interned.get(key);
  if (!set) {
    set = Object.freeze(new Set(clean));
    if (interned.size > 10_000) interned.clear();
    interned.set(key, set);
  }
  return set;
}
