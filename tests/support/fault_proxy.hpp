// A hostile network between a device and the real receiver, for T-24 and T-26: a TLS
// terminating proxy on loopback that presents the receiver's own certificate and key (so a
// device with the pinned key talks to it) and, per request, passes it on or misbehaves.
#pragma once

#include <atomic>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kt::test {

enum class Fault {
    pass,              // forward to the receiver, return its answer
    drop,              // close the connection before reading the request
    drop_after_body,   // read the whole request, close without forwarding or answering
    truncate,          // forward, then send only the first half of the answer and close
    commit_then_drop,  // forward (the receiver commits), then close without an answer
    stall,             // read the request, then say nothing for stall_seconds and close
    garbage_json,      // answer 200 with a body that is not JSON
    server_error,      // answer 500
    unavailable,       // answer 503 with Retry-After
    rate_limited,      // answer 429 with Retry-After
    update_needed,     // answer 426 {"error":"update_needed"}
};

const char* to_string(Fault f);

class FaultProxy {
  public:
    /// Listens on 127.0.0.1 (a free port) with `cert`/`key` (PEM files) and forwards to
    /// https://127.0.0.1:upstream_port without verifying it (the test owns both ends).
    FaultProxy(const std::filesystem::path& cert, const std::filesystem::path& key,
               int upstream_port);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return m_port; }
    /// Points later requests at another receiver port (a receiver restarted after a SIGKILL
    /// listens on a new free port; the device keeps the proxy's address).
    void set_upstream_port(int port) { m_upstream_port = port; }
    /// Faults for the next requests, in order; after them `fallback` (pass by default).
    void script(std::vector<Fault> faults, Fault fallback = Fault::pass);
    void set_retry_after(int seconds) { m_retry_after = seconds; }
    void set_stall_seconds(int seconds) { m_stall_seconds = seconds; }
    /// Requests that reached the proxy (every TLS connection that sent at least its headers).
    int requests() const { return m_requests; }
    /// Requests passed on to the receiver.
    int forwarded() const { return m_forwarded; }

  private:
    struct Tls;
    void accept_loop();
    void serve(int fd);
    Fault next_fault();

    std::unique_ptr<Tls> m_tls;
    int m_listen_fd = -1;
    int m_port = 0;
    std::atomic<int> m_upstream_port{0};
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_requests{0}, m_forwarded{0};
    std::atomic<int> m_retry_after{2}, m_stall_seconds{3};
    std::mutex m_mutex;
    std::deque<Fault> m_script;
    Fault m_fallback = Fault::pass;
    std::thread m_thread;
    std::vector<std::thread> m_workers;
};

}  // namespace kt::test
