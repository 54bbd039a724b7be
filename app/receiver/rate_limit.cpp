#include "rate_limit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kt::receiver {

namespace {
// Past this many tracked keys, full buckets (idle for a minute) are forgotten, so addresses
// that came once do not pile up.
constexpr std::size_t kPruneAbove = 10000;
}  // namespace

double monotonic_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

RateLimiter::RateLimiter(int per_minute)
    : m_capacity(std::max(1, per_minute)), m_per_second(std::max(1, per_minute) / 60.0) {}

int RateLimiter::take(const std::string& key, double now) {
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() > kPruneAbove) prune(now);
    auto [it, fresh] = m_buckets.try_emplace(key, Bucket{m_capacity, now});
    Bucket& b = it->second;
    if (!fresh) {
        b.tokens = std::min(m_capacity, b.tokens + (now - b.last) * m_per_second);
        b.last = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, int(std::ceil((1.0 - b.tokens) / m_per_second)));
}

void RateLimiter::prune(double now) {
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        const double tokens = it->second.tokens + (now - it->second.last) * m_per_second;
        it = tokens >= m_capacity ? m_buckets.erase(it) : std::next(it);
    }
}

bool InFlight::begin(const std::string& key) {
    std::lock_guard lock(m_mutex);
    return m_keys.try_emplace(key, 1).second;
}

void InFlight::end(const std::string& key) {
    std::lock_guard lock(m_mutex);
    m_keys.erase(key);
}

}  // namespace kt::receiver
