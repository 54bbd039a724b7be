#include "connection_gate.hpp"

namespace kt::receiver {

ConnectionGate::Ticket::Ticket(ConnectionGate& gate, std::string address, Admission admission)
    : m_gate(gate), m_address(std::move(address)), m_admission(admission) {}

ConnectionGate::Ticket::~Ticket() {
    m_gate.leave(m_address, m_admission);
}

std::unique_ptr<ConnectionGate::Ticket> ConnectionGate::admit(const std::string& address) {
    std::lock_guard lock(m_mutex);
    Admission a = Admission::close;
    int& mine = m_by_address[address];
    if (m_serving < m_limits.total && mine < m_limits.per_address) {
        a = Admission::serve;
        ++m_serving;
        ++mine;
    } else if (m_refusing < m_limits.refusals) {
        a = Admission::refuse;
        ++m_refusing;
    }
    if (mine == 0) m_by_address.erase(address);
    return std::make_unique<Ticket>(*this, address, a);
}

void ConnectionGate::leave(const std::string& address, Admission a) {
    std::lock_guard lock(m_mutex);
    if (a == Admission::refuse) --m_refusing;
    if (a != Admission::serve) return;
    --m_serving;
    if (auto it = m_by_address.find(address); it != m_by_address.end() && --it->second <= 0)
        m_by_address.erase(it);
}

bool ConnectionGate::reserve_body(std::int64_t bytes) {
    std::lock_guard lock(m_mutex);
    if (m_body_bytes + bytes > m_limits.body_bytes) return false;
    m_body_bytes += bytes;
    return true;
}

void ConnectionGate::release_body(std::int64_t bytes) {
    std::lock_guard lock(m_mutex);
    m_body_bytes -= bytes;
}

int ConnectionGate::serving() const {
    std::lock_guard lock(m_mutex);
    return m_serving;
}

}  // namespace kt::receiver
