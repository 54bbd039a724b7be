// Scans this process's writable memory for secrets and record text (T-17). The needles are
// kept masked (XOR), so the scanner never holds the plaintext it looks for; the scan buffer
// is a private mapping that is skipped. No Catch2 here: the exec'd control helper uses it too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/secret.hpp"

namespace kt::test {

/// Bytes to look for, stored XOR-masked.
class Needle {
  public:
    static Needle of(const std::uint8_t* bytes, std::size_t n);
    static Needle of(const std::string& bytes) {
        return of(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    /// The same text as UTF-16LE (ASCII text only).
    Needle utf16le() const;
    /// The lower-case hex of the bytes (for the "x'<hex>'" key form).
    Needle hex() const;
    std::size_t size() const { return m_masked.size(); }

  private:
    friend std::vector<std::size_t> count_in_own_memory(const std::vector<Needle>&);
    std::vector<std::uint8_t> m_masked;
};

/// Occurrences of each needle in every readable and writable mapping of this process
/// (read through /proc/self/mem), except the main thread's stack (live frames and dead ones;
/// security-tests.md T-17 excludes it) and kernel-provided pages.
std::vector<std::size_t> count_in_own_memory(const std::vector<Needle>& needles);

/// The T-17 scenario, shared by the test and the control helper: creates a vault in `dir`,
/// stores 20 record markers (10 clients x 2 fields) and reads them back, closes the vault,
/// forgets the data key, then scans. Returns the hits for {data key, hex key, markers}.
struct ScrubReport {
    std::size_t dek = 0, hex_key = 0, markers = 0, marker_count = 0;
    bool ok = false;
};
ScrubReport run_scrub_scenario(const std::filesystem::path& dir);

}  // namespace kt::test
