#include "crypto/secret.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <utility>

#include "crypto/secure_heap.hpp"

namespace kt::crypto {

bool init() {
    if (sodium_init() < 0) return false;
    return install_zeroing_allocators();
}

SecretBytes::SecretBytes(std::size_t size) : m_size(size) {
    if (size == 0) return;
    m_data = static_cast<std::uint8_t*>(sodium_malloc(size));
    if (m_data == nullptr) std::abort();  // out of locked memory: cannot keep a key safely
    sodium_memzero(m_data, size);
}

SecretBytes::~SecretBytes() {
    release();
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes SecretBytes::from(std::string_view text) {
    SecretBytes s(text.size());
    if (!text.empty()) std::memcpy(s.m_data, text.data(), text.size());
    return s;
}

std::string_view SecretBytes::text() const {
    if (m_data == nullptr) return {};
    const void* nul = std::memchr(m_data, 0, m_size);
    const std::size_t n =
        nul ? static_cast<std::size_t>(static_cast<const std::uint8_t*>(nul) - m_data) : m_size;
    return {reinterpret_cast<const char*>(m_data), n};
}

void SecretBytes::wipe() {
    if (m_data) sodium_memzero(m_data, m_size);
}

void SecretBytes::release() {
    if (m_data) sodium_free(m_data);  // sodium_free zeroes before freeing
    m_data = nullptr;
    m_size = 0;
}

bool equal_constant_time(const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
    return sodium_memcmp(a, b, n) == 0;
}

}  // namespace kt::crypto
