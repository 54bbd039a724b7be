// Sync and enrollment off the UI thread: the kiosk must keep drawing while a request waits
// for a slow network (up to the transport's timeouts). A job runs on its own thread with its
// own connection to the vault, opened from a copy of the data key that the thread wipes when
// it ends; the UI thread polls for the outcome once per frame.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "crypto/secret.hpp"
#include "sync/enroll.hpp"
#include "sync/sender.hpp"

namespace kt::present {

struct SyncOutcome {
    bool enrollment = false;  // which job ended
    sync::SyncReport report;  // a sync's outcome
    sync::EnrollResult enroll;
};

class SyncRunner {
  public:
    SyncRunner() = default;
    ~SyncRunner();
    SyncRunner(const SyncRunner&) = delete;
    SyncRunner& operator=(const SyncRunner&) = delete;

    /// One sync pass (`manual`: the worker pressed the button, the backoff between passes is
    /// skipped). False when a job is still running.
    bool start_sync(const std::filesystem::path& vault, const crypto::SecretBytes& dek,
                    std::function<std::int64_t()> now, bool manual);
    /// Enrollment with a receiver's one-time code. False when a job is still running.
    bool start_enroll(const std::filesystem::path& vault, const crypto::SecretBytes& dek,
                      std::string url, std::string code, std::int64_t now);

    bool running() const { return m_running; }
    /// The ended job's outcome, once; nullopt while running or idle.
    std::optional<SyncOutcome> take();
    /// Waits for a running job (program exit, tests).
    void wait();

  private:
    using Job = std::function<SyncOutcome(store::Vault&)>;
    bool start(const std::filesystem::path& vault, const crypto::SecretBytes& dek, bool enrollment,
               Job job);

    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::mutex m_mutex;
    std::optional<SyncOutcome> m_outcome;
};

}  // namespace kt::present
