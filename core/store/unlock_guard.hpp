// UnlockGuard: failed passphrase attempts, counted in a small non-secret state file beside the
// vault ("<vault>.state"), because a locked vault cannot be written. Drives the growing delay
// between attempts (T-15) and is turned into failed_unlock audit rows at the next successful
// open (Vault::open_with_data_key does that and resets the count).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "util/result.hpp"

namespace kt::store {

std::filesystem::path state_file_path(const std::filesystem::path& vault);

class UnlockGuard {
  public:
    /// Failure times kept for the audit log; older ones beyond this are only counted.
    static constexpr std::size_t kMaxPending = 200;

    /// Reads the state file; a missing or unreadable one counts as no failures (the file is
    /// a convenience for the delay, not a security boundary: see README, Security).
    static UnlockGuard load(const std::filesystem::path& vault);

    /// Consecutive failures since the last successful unlock.
    int failures() const { return m_failures; }
    /// Epoch seconds of the last failure (0 when none).
    std::int64_t last_failure() const { return m_last_failure; }
    /// Failure times not yet written to the audit log.
    const std::vector<std::int64_t>& pending() const { return m_pending; }

    /// Counts a failure at `now` and saves at once (re-reading the file first, so two guards
    /// never lose each other's counts). Errors: io, disk_full, read_only.
    Status record_failure(std::int64_t now);
    /// Back to zero failures after a successful unlock; keeps failures not yet audited.
    Status reset();
    /// Forgets the audited failures and the count (after they went into the audit log).
    Status clear_pending();

    /// Seconds to wait after the n-th consecutive failure: 0 up to 5, then 2^(n-5), at most
    /// 300 (T-15; NIST 800-63B throttling).
    static double delay_seconds(int failures);
    /// Seconds left before the next attempt is allowed at `now` (0 when allowed).
    double seconds_until_allowed(std::int64_t now) const;

  private:
    explicit UnlockGuard(std::filesystem::path file) : m_file(std::move(file)) {}
    void reload();
    Status save() const;

    std::filesystem::path m_file;
    int m_failures = 0;
    std::int64_t m_last_failure = 0;
    std::vector<std::int64_t> m_pending;
};

}  // namespace kt::store
