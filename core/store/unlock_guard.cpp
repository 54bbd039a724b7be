#include "store/unlock_guard.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "util/files.hpp"

namespace kt::store {

namespace {
constexpr const char* kMagic = "keukentafel-state";
}

std::filesystem::path state_file_path(const std::filesystem::path& vault) {
    return vault.string() + ".state";
}

UnlockGuard UnlockGuard::load(const std::filesystem::path& vault) {
    UnlockGuard g(state_file_path(vault));
    g.reload();
    return g;
}

void UnlockGuard::reload() {
    m_failures = 0;
    m_last_failure = 0;
    m_pending.clear();
    auto text = read_file(m_file);
    if (!text) return;
    std::istringstream in(text.value());
    std::string magic, word;
    int version = 0;
    if (!(in >> magic >> version) || magic != kMagic || version != 1) return;
    while (in >> word) {
        if (word == "failures") {
            in >> m_failures;
        } else if (word == "last_failure") {
            in >> m_last_failure;
        } else if (word == "pending") {
            std::int64_t t = 0;
            while (in.peek() != '\n' && in >> t)
                if (m_pending.size() < kMaxPending) m_pending.push_back(t);
        }
    }
    m_failures = std::max(m_failures, 0);
}

Status UnlockGuard::save() const {
    std::ostringstream out;
    out << kMagic << " 1\n"
        << "failures " << m_failures << '\n'
        << "last_failure " << m_last_failure << '\n'
        << "pending";
    for (const auto t : m_pending)
        out << ' ' << t;
    out << '\n';
    return write_file_atomic(m_file, out.str());
}

Status UnlockGuard::record_failure(std::int64_t now) {
    reload();
    ++m_failures;
    m_last_failure = now;
    if (m_pending.size() >= kMaxPending) m_pending.erase(m_pending.begin());
    m_pending.push_back(now);
    return save();
}

Status UnlockGuard::reset() {
    reload();
    if (m_failures == 0) return {};
    m_failures = 0;
    return save();
}

Status UnlockGuard::clear_pending() {
    reload();
    if (m_failures == 0 && m_pending.empty()) return {};
    m_failures = 0;
    m_pending.clear();
    return save();
}

double UnlockGuard::delay_seconds(int failures) {
    if (failures <= 5) return 0.0;
    if (failures >= 5 + 9) return 300.0;  // 2^9 = 512 > 300
    return std::min(std::ldexp(1.0, failures - 5), 300.0);
}

double UnlockGuard::seconds_until_allowed(std::int64_t now) const {
    const double wait = delay_seconds(m_failures);
    const double left = static_cast<double>(m_last_failure) + wait - static_cast<double>(now);
    return std::max(left, 0.0);
}

}  // namespace kt::store
