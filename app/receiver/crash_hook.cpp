#include "crash_hook.hpp"

#ifdef KT_TEST_HOOKS
#include <signal.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kt::receiver {

void crash_point(const char* name) {
    static const char* at = std::getenv("KT_RECEIVER_CRASH_AT");
    static const double rate = [] {
        const char* r = std::getenv("KT_RECEIVER_CRASH_RATE");
        return r ? std::strtod(r, nullptr) : 1.0;  // not a number: 0, never crashes
    }();
    if (!at || std::strcmp(at, name) != 0) return;
    if (double(randombytes_uniform(1000000)) >= rate * 1000000.0) return;
    ::kill(::getpid(), SIGKILL);  // exactly what T-24 does from outside: no cleanup at all
}

}  // namespace kt::receiver
#endif
