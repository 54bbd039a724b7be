// SecretBytes: key material in sodium_malloc memory (guard pages, mlock'd, no core dumps)
// that wipes itself when it dies. Move-only; never printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kt::crypto {

/// Call once at start, before any SQLite or ICU use: initialises libsodium and installs the
/// zeroing allocators (crypto/secure_heap.hpp). Safe to call again. Returns false if libsodium
/// fails or SQLite was already in use (its freed memory would keep plaintext).
bool init();

class SecretBytes {
  public:
    SecretBytes() = default;
    /// Allocates `size` zeroed bytes. Aborts if secure memory is exhausted (a bug, not input).
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;

    static SecretBytes from(std::string_view text);

    std::uint8_t* data() { return m_data; }
    const std::uint8_t* data() const { return m_data; }
    char* chars() { return reinterpret_cast<char*>(m_data); }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    /// The bytes up to the first NUL (for fixed-size text buffers such as a passphrase field).
    std::string_view text() const;
    /// Zeroes the bytes; the buffer stays allocated.
    void wipe();

  private:
    void release();
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

/// Constant-time comparison of two equally long byte ranges.
bool equal_constant_time(const std::uint8_t* a, const std::uint8_t* b, std::size_t n);

}  // namespace kt::crypto
