// Seen assertion IDs, kept until their NotOnOrAfter (+ skew). Lambda@Edge has no shared store, so
// this is per function instance (per region, per concurrent container): a replay that lands on
// another instance is not caught here. The short assertion lifetime bounds that window.
export class ReplayCache {
  constructor(max) {
    this.max = max;
    this.map = new Map(); // id -> expiry ms (insertion order = age, for LRU eviction)
  }

  // true if the id was new (and is now remembered), false if it was seen before and not expired.
  checkAndRemember(id, expiresMs, nowMs) {
    const seen = this.map.get(id);
    if (seen !== undefined && seen > nowMs) return false;
    this.map.delete(id);
    for (const [k, exp] of this.map) {
      if (this.map.size < this.max && exp > nowMs) break;
      this.map.delete(k);
    }
    this.map.set(id, expiresMs);
    return true;
  }
}
