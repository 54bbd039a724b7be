// T-40 (through T-27): the locale bundle loader. The input is a line, a separator and the bytes
// of a damaged Polish bundle (the part before the separator is kept for the seeds' form and not
// used). The manifest is this build's: it lists root.res and the genuine pl.res, as the package
// installs them. Catalog::open either refuses with not_found (the kiosk and CLI then say the
// language files are missing or damaged) or the bundle is byte for byte the genuine one.
// ICU never sees bytes the manifest does not vouch for. The manifest is the trust boundary:
// ICU 72's resource reader is not safe against a crafted bundle (a fuzzer that could write
// the manifest too found a bus error in res_countArrayItems; seed crafted-bundle-own-hash),
// so both files come from the package, writable by root only.
#include "crypto/signing.hpp"
#include "fuzz_support.hpp"
#include "i18n/catalog.hpp"

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\n--bundle--\n";

struct Root {
    fs::path dir;
    std::string genuine_pl;
};

// root.res, the genuine pl.res's bytes and the manifest of both, written once.
const Root& root() {
    static const Root r = [] {
        const fs::path dir = kt::fuzz::scratch_dir() / "i18n";
        fs::create_directories(dir);
        const std::string root_bytes = kt::fuzz::read_bytes(KT_I18N_DIR "/root.res");
        const std::string pl_bytes = kt::fuzz::read_bytes(KT_I18N_DIR "/pl.res");
        kt::fuzz::write_bytes(dir / "root.res", root_bytes);
        kt::fuzz::write_bytes(dir / kt::i18n::kBundleManifest,
                              kt::crypto::sha256_hex(root_bytes) + "  root.res\n" +
                                  kt::crypto::sha256_hex(pl_bytes) + "  pl.res\n");
        return Root{dir, pl_bytes};
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Root& r = root();
    const auto parts = kt::fuzz::split(kt::fuzz::text_of(data, size), kSeparator, 2);
    const std::string_view bundle = parts.size() > 1 ? parts[1] : std::string_view();
    kt::fuzz::write_bytes(r.dir / "pl.res", bundle);
    auto catalog = kt::i18n::Catalog::open(r.dir, "pl");
    if (!catalog) {
        KT_FUZZ_CHECK(catalog.error().code == kt::ErrorCode::not_found);
        return 0;
    }
    KT_FUZZ_CHECK(bundle == r.genuine_pl);
    KT_FUZZ_CHECK(!catalog->own_keys().empty());
    return 0;
}
