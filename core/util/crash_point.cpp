#include "util/crash_point.hpp"

#ifdef KT_TEST_HOOKS
#include <signal.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#endif

namespace kt {

void crash_point([[maybe_unused]] const char* name) {
#ifdef KT_TEST_HOOKS
    const char* at = std::getenv("KT_CRASH_AT");
    if (!at || std::strcmp(at, name) != 0) return;
    const char* r = std::getenv("KT_CRASH_RATE");
    const double rate = r ? std::strtod(r, nullptr) : 1.0;
    if (double(randombytes_uniform(1000000)) >= rate * 1000000.0) return;
    ::kill(::getpid(), SIGKILL);
#endif
}

}  // namespace kt
