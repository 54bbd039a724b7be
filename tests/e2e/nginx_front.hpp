// Debian's nginx on loopback in front of receivers, with packaging/nginx-receivers.conf (TCP
// pass-through) and only its addresses changed: a test-owned process in a temp dir, stopped
// (SIGKILL) when the handle dies.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace kt::test {

/// A TCP port on 127.0.0.1 that was free a moment ago.
int free_loopback_port();

class NginxFront {
  public:
    /// Listens on 127.0.0.1:`port` and passes connections to 127.0.0.1:`upstreams` (one or
    /// two receivers); waits (at most 10 s) until it accepts. Fails the test when nginx cannot
    /// start.
    NginxFront(int port, const std::vector<int>& upstreams);
    ~NginxFront();
    NginxFront(const NginxFront&) = delete;
    NginxFront& operator=(const NginxFront&) = delete;

    int port() const { return m_port; }

  private:
    TempDir m_dir;
    int m_port;
    pid_t m_pid = -1;
};

}  // namespace kt::test
