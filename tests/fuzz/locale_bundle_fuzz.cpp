// T-40 (through T-27): the locale bundle loader. The input is manifest lines, a separator and
// the bytes of a compiled Polish bundle; root.res is this build's, and its manifest line comes
// first. Catalog::open either refuses with not_found (the kiosk and CLI then say the language
// files are missing or damaged) or the bundle's bytes are exactly the ones the manifest lists
// and its texts read. ICU itself never sees bytes the manifest does not vouch for.
#include "crypto/signing.hpp"
#include "fuzz_support.hpp"
#include "i18n/catalog.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\n--bundle--\n";

struct Root {
    fs::path dir;
    std::string manifest_line;
};

const Root& root() {
    static const Root r = [] {
        const fs::path dir = kt::fuzz::scratch_dir() / "i18n";
        fs::create_directories(dir);
        const std::string bytes = kt::fuzz::read_bytes(KT_I18N_DIR "/root.res");
        kt::fuzz::write_bytes(dir / "root.res", bytes);
        return Root{dir, kt::crypto::sha256_hex(bytes) + "  root.res\n"};
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Root& r = root();
    const auto parts = kt::fuzz::split(kt::fuzz::text_of(data, size), kSeparator, 2);
    const std::string_view bundle = parts.size() > 1 ? parts[1] : std::string_view();
    kt::fuzz::write_bytes(r.dir / kt::i18n::kBundleManifest,
                          r.manifest_line + std::string(parts[0]));
    kt::fuzz::write_bytes(r.dir / "pl.res", bundle);
    auto catalog = kt::i18n::Catalog::open(r.dir, "pl");
    if (!catalog) {
        KT_FUZZ_CHECK(catalog.error().code == kt::ErrorCode::not_found);
        return 0;
    }
    const std::string listed = kt::crypto::sha256_hex(bundle) + "  pl.res";
    KT_FUZZ_CHECK(std::string(parts[0]).find(listed) != std::string::npos);
    KT_FUZZ_CHECK(!catalog->own_keys().empty());
    return 0;
}
