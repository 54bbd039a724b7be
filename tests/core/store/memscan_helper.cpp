// kt_memscan_helper: runs the T-17 scenario in a fresh process and prints what the memory scan
// found. `--default-allocator` is the control: SQLite keeps its own allocator (no
// crypto::init), so freed page-cache blocks still hold records and the scan must find them.
// `--zeroing` starts like the kiosk and the CLI (crypto::init first).
// Usage: kt_memscan_helper --default-allocator|--zeroing DIR
#include <sodium.h>

#include <cstdio>
#include <string>

#include "crypto/secure_heap.hpp"
#include "support/memory_scan.hpp"

int main(int argc, char** argv) {
    if (argc != 3) return 1;
    const std::string mode = argv[1];
    if (mode == "--zeroing") {
        if (!kt::crypto::init()) return 2;
    } else if (mode == "--default-allocator") {
        if (sodium_init() < 0) return 2;
    } else {
        return 1;
    }
    const auto r = kt::test::run_scrub_scenario(argv[2]);
    std::printf("ok=%d zeroing=%d dek=%zu hex=%zu markers=%zu of=%zu\n", r.ok ? 1 : 0,
                kt::crypto::sqlite_uses_zeroing_allocator() ? 1 : 0, r.dek, r.hex_key, r.markers,
                r.marker_count);
    return r.ok ? 0 : 3;
}
