// A forked child process for crash and concurrency tests: it dies with the test process and
// is killed and reaped when the handle goes out of scope, so a failed REQUIRE never leaves a
// writer running.
#pragma once

#include <sys/types.h>

#include <functional>

namespace kt::test {

class ChildProcess {
  public:
    /// Forks; the child runs `body` and then _exit(0)s (it never returns into Catch).
    explicit ChildProcess(const std::function<void()>& body);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return m_pid; }
    /// SIGKILLs the child (if still running) and reaps it; returns its wait status.
    int kill_and_wait();
    /// Waits for the child to end by itself; returns its wait status.
    int wait();

  private:
    pid_t m_pid = -1;
    int m_status = 0;
};

}  // namespace kt::test
