// A test-only crash point for T-24 ("SIGKILL after the server commit before the response").
// Only in KT_TEST_HOOKS builds: with KT_RECEIVER_CRASH_AT=before_commit or after_commit the
// receiver SIGKILLs itself at that point of POST /v1/submissions, with the probability
// KT_RECEIVER_CRASH_RATE (0..1, default 1). Release builds compile it to nothing.
#pragma once

namespace kt::receiver {

#ifdef KT_TEST_HOOKS
void crash_point(const char* name);
#else
inline void crash_point(const char*) {}
#endif

}  // namespace kt::receiver
