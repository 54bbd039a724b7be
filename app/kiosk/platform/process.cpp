#include "platform/process.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

namespace kt::kiosk {

bool harden_process() {
    const rlimit none{0, 0};
    const bool core = setrlimit(RLIMIT_CORE, &none) == 0;
    const bool dump = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    return core && dump;
}

}  // namespace kt::kiosk
