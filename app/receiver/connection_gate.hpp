// Who may hold a connection: at most `total` connections and `per_address` per client address
// are served; up to `refusals` more are held just long enough to be answered 503 with
// Retry-After; beyond that a connection is closed at once. Also the budget of request bodies
// held in memory at once. Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kt::receiver {

struct GateLimits {
    int total = 2000;
    int per_address = 64;
    int refusals = 256;
    std::int64_t body_bytes = 64 << 20;
};

class ConnectionGate {
  public:
    explicit ConnectionGate(GateLimits limits) : m_limits(limits) {}

    enum class Admission { serve, refuse, close };

    /// A place held until the ticket is destroyed.
    class Ticket {
      public:
        Ticket(ConnectionGate& gate, std::string address, Admission admission);
        ~Ticket();
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        Admission admission() const { return m_admission; }
        const std::string& address() const { return m_address; }

      private:
        ConnectionGate& m_gate;
        std::string m_address;
        Admission m_admission;
    };

    /// serve while both caps hold, else refuse while refusal places are left, else close (the
    /// ticket then holds nothing).
    std::unique_ptr<Ticket> admit(const std::string& address);

    /// Reserves `bytes` of the body budget; false (nothing reserved) when it would overflow.
    bool reserve_body(std::int64_t bytes);
    void release_body(std::int64_t bytes);

    int serving() const;

  private:
    void leave(const std::string& address, Admission admission);

    GateLimits m_limits;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, int> m_by_address;
    int m_serving = 0;
    int m_refusing = 0;
    std::int64_t m_body_bytes = 0;
};

}  // namespace kt::receiver
