// Shared test helpers: temporary directories, running our programs, hashing and scanning
// files for plaintext markers, and vaults created with the fast test KDF.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/vault.hpp"

namespace kt::test {

namespace fs = std::filesystem;

/// The passphrase of every test vault (and of the demo vault the kiosk tests unlock): lower
/// case and spaces only, so a test can also tap it on the on-screen keyboard's letters. A test
/// that needs a second, wrong or new passphrase writes that one where it is used.
inline constexpr const char* kPassphrase = "thee met de buurvrouw";

/// True when crypto::init() succeeded at load time, before any test used SQLite (so SQLite
/// allocates through the zeroing allocator in every test process).
bool security_initialised();

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at scope end.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return m_path; }
    fs::path operator/(std::string_view name) const { return m_path / name; }
    /// Names of the regular files and directories directly inside, sorted.
    std::set<std::string> entries() const;

  private:
    fs::path m_path;
};

struct ProcessResult {
    int exit_code = -1;  // 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

/// Runs `args[0]` from KT_BIN_DIR with the rest as arguments, stdin from `stdin_file`, and
/// returns its exit code and everything it wrote. `env` adds to (or overrides) the current
/// environment. KEUKENTAFEL_DATA_DIR points at this build's share dir unless `env` sets it.
ProcessResult run_program(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {},
                          const fs::path& stdin_file = "/dev/null");

/// Sets KEUKENTAFEL_TEST_FAST_KDF=1 in this process, so vaults created by child programs
/// (KT_TEST_HOOKS builds) use libsodium's minimum Argon2id cost.
void use_fast_kdf_for_children();

/// The whole file as bytes. Fails the current test when it cannot be read.
std::string read_bytes(const fs::path& path);
void write_bytes(const fs::path& path, std::string_view bytes);
/// Lower-case hex SHA-256 of a file's content.
std::string file_sha256(const fs::path& path);
/// `n` bytes from libsodium's random generator.
std::string random_bytes(std::size_t n);

/// Occurrences of `marker` in `bytes`, case-insensitive per code point (simple case mapping),
/// encoded as UTF-8 and as UTF-16LE; the sum of both.
std::size_t count_in_bytes(std::string_view bytes, std::string_view marker_utf8);
/// The same for a file's content; 0 when the file does not exist.
std::size_t count_occurrences(const fs::path& file, std::string_view marker_utf8);

/// Creates a vault with crypto::KdfParams::test_fast(). Fails the current test on error.
store::Vault create_test_vault(const fs::path& path, std::string_view passphrase);
/// A test vault filled with the demo clients (store::fill_demo), closed again; returns `path`.
fs::path create_demo_vault(const fs::path& path, std::string_view passphrase);

/// Writes a plain, unencrypted SQLite database (no key) with one table holding `texts`.
void create_plain_sqlite(const fs::path& path, const std::vector<std::string>& texts);

/// Dotted keys of a compiled bundle (e.g. "root") read directly with ICU, without fallback.
std::set<std::string> bundle_keys(const fs::path& dir, const std::string& name);

/// The directory with this build's compiled bundles (KT_I18N_DIR).
fs::path i18n_dir();

/// The names in the demo vault that must never appear in a file or in program output.
const std::vector<std::string>& demo_markers();

}  // namespace kt::test
