// Process hardening at start: no core dumps, no same-user ptrace or /proc/<pid>/mem reads.
#pragma once

namespace kt::kiosk {

/// setrlimit(RLIMIT_CORE, 0) and prctl(PR_SET_DUMPABLE, 0). Returns false if either failed.
bool harden_process();

}  // namespace kt::kiosk
