// Per-key request budgets (a device id, a client address): a token bucket holding one minute's
// worth, refilled continuously. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

namespace kt::receiver {

class RateLimiter {
  public:
    explicit RateLimiter(int per_minute);

    /// Takes one request from `key`'s budget at `now` (monotonic seconds): 0 when allowed,
    /// else the whole seconds to wait (for Retry-After, at least 1); a refused request costs
    /// nothing.
    int take(const std::string& key, double now);

  private:
    struct Bucket {
        double tokens = 0;
        double last = 0;
    };
    void prune(double now);

    std::mutex m_mutex;
    std::unordered_map<std::string, Bucket> m_buckets;
    double m_capacity;
    double m_per_second;
};

/// Monotonic seconds for RateLimiter::take.
double monotonic_seconds();

/// The idempotency keys being stored right now, so a concurrent duplicate gets 409 in_flight
/// instead of racing the first request (the store's UNIQUE constraint still holds if it does).
class InFlight {
  public:
    /// False when `key` is already in flight.
    bool begin(const std::string& key);
    void end(const std::string& key);

    class Guard {
      public:
        Guard(InFlight& set, std::string key) : m_set(set), m_key(std::move(key)) {}
        ~Guard() { m_set.end(m_key); }
        Guard(const Guard&) = delete;
        Guard& operator=(const Guard&) = delete;

      private:
        InFlight& m_set;
        std::string m_key;
    };

  private:
    std::mutex m_mutex;
    std::unordered_map<std::string, int> m_keys;
};

}  // namespace kt::receiver
