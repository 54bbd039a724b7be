#include "support/child_process.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>

namespace kt::test {

ChildProcess::ChildProcess(const std::function<void()>& body) {
    const pid_t parent = ::getpid();
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(9);  // the parent died before prctl took effect
        body();
        ::_exit(0);
    }
}

ChildProcess::~ChildProcess() {
    if (m_pid > 0) (void)kill_and_wait();
}

int ChildProcess::kill_and_wait() {
    if (m_pid > 0) ::kill(m_pid, SIGKILL);
    return wait();
}

int ChildProcess::wait() {
    if (m_pid <= 0) return m_status;
    while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    return m_status;
}

}  // namespace kt::test
