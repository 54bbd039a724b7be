// Named crash points for crash tests: a process can be made to SIGKILL itself at an exact step
// of a multi-step write, so a crash test proves the same thing on every run instead of
// guessing the moment from wall-clock time.
#pragma once

namespace kt {

/// In KT_TEST_HOOKS builds: when the environment variable KT_CRASH_AT equals `name`, the
/// process SIGKILLs itself here (no cleanup at all, as a power cut or `kill -9` would), with
/// the probability KT_CRASH_RATE (0..1, default 1). Release builds compile this to nothing.
/// Names are "<area>:<step>", e.g. "file:renamed".
void crash_point(const char* name);

}  // namespace kt
