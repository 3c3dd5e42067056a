package io.capacitybroker.provider.simulated;

/**
 * Stateless, seeded pseudo-randomness: every random quantity of the simulation is a pure function of
 * the seed and a few integers (pool hash, hour index, node id hash, salt), so nothing depends on call
 * order or on how often the clock is read. Mixing is the SplitMix64 finaliser.
 */
final class Seeded {

    static final long SALT_CAPACITY_EMPTY = 0x43415045L;
    static final long SALT_CAPACITY_SIZE = 0x43415053L;
    static final long SALT_SPOT_SHOCK = 0x53504f54L;
    static final long SALT_INTERRUPTION = 0x494e5452L;
    static final long SALT_NODE_ID = 0x4e4f4445L;

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private Seeded() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit hash of (seed, a, b, salt). */
    static long hash(long seed, long a, long b, long salt) {
        long h = mix(seed + GOLDEN);
        h = mix(h ^ (a + GOLDEN * 3));
        h = mix(h ^ (b + GOLDEN * 5));
        return mix(h ^ (salt + GOLDEN * 7));
    }

    /** Uniform in [0, 1). */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** FNV-1a over the UTF-16 chars of s: stable across JVMs and runs. */
    static long fnv64(String s) {
        return fnv64(FNV_OFFSET, s);
    }

    /** Continues an FNV-1a hash over more chars. */
    static long fnv64(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= FNV_PRIME;
        }
        return h;
    }

    /** The FNV-1a hash of an offer id, {@code fnv64(key.id())}, without building the string. */
    static long fnv64(io.capacitybroker.domain.OfferKey key) {
        long h = fnv64(FNV_OFFSET, key.provider().code());
        h = fnv64(h, ":");
        h = fnv64(h, key.region());
        h = fnv64(h, ":");
        h = fnv64(h, key.zone() == null ? "-" : key.zone());
        h = fnv64(h, ":");
        h = fnv64(h, key.instanceType());
        h = fnv64(h, ":");
        return fnv64(h, key.market().wireName());
    }
}
