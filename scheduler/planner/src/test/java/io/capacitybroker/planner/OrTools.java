package io.capacitybroker.planner;

import com.google.ortools.Loader;

/** Loads the OR-Tools natives once per JVM (test/benchmark code only; the planner itself never uses OR-Tools). */
final class OrTools {
    private static boolean loaded;

    private OrTools() {
    }

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }
}
