#include "fuzz_support.hpp"

#include <unistd.h>

#include <fstream>
#include <iterator>

#include "crypto/secret.hpp"

namespace kt::fuzz {

namespace {

// As every program of ours does first: libsodium and the zeroing allocators for SQLite and ICU.
[[maybe_unused]] const bool g_crypto_ready = [] {
    if (!crypto::init()) property_failed("crypto::init", __FILE__, __LINE__);
    return true;
}();

}  // namespace

std::filesystem::path scratch_dir() {
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/kt-fuzz-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) property_failed("mkdtemp", __FILE__, __LINE__);
        const std::filesystem::path made(pattern);
        // Removed at exit, also after a finding (libFuzzer exits through exit()).
        static const struct Remover {
            std::filesystem::path p;
            ~Remover() {
                std::error_code ec;
                std::filesystem::remove_all(p, ec);
            }
        } remover{made};
        return made;
    }();
    return dir;
}

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) property_failed("writing a scratch file", __FILE__, __LINE__);
}

std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) property_failed(("reading " + path.string()).c_str(), __FILE__, __LINE__);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace kt::fuzz
