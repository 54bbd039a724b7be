// T-11: the vault's open path with a fixed test key. The input is a key file, a separator
// (vault_fixture.hpp) and the vault's first pages, laid over the fixed test vault (the rest of
// its file stays as made). Each run writes both files, unlocks with the test passphrase (only
// when the key file asks for the fast test parameters: Argon2id at production cost would
// make a run take a second) and opens with the vault's own data key. A damaged key file is
// not_a_vault or damaged_vault; a damaged vault never opens as something else: the open either
// fails with a vault error or the vault passes its full check. Nothing may crash or leak.
#include <unistd.h>

#include <algorithm>

#include "crypto/key_file.hpp"
#include "crypto/secret.hpp"
#include "fuzz_support.hpp"
#include "store/vault.hpp"
#include "vault_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using kt::ErrorCode;

struct Fixture {
    std::string key_file, vault;
    kt::crypto::SecretBytes dek;
};

const Fixture& fixture() {
    static const Fixture f = [] {
        const fs::path vault = KT_FUZZ_FIXTURES "/vault/fuzz.kt";
        Fixture out{kt::fuzz::read_bytes(kt::crypto::key_file_path(vault)),
                    kt::fuzz::read_bytes(vault),
                    {}};
        auto dek = kt::store::Vault::unlock_data_key(vault, kt::fuzz::kFuzzPassphrase);
        KT_FUZZ_CHECK(dek.ok());
        out.dek = std::move(dek.value());
        return out;
    }();
    return f;
}

bool vault_error(ErrorCode c) {
    return c == ErrorCode::not_a_vault || c == ErrorCode::damaged_vault ||
           c == ErrorCode::invalid_state || c == ErrorCode::io;
}

void check_unlock(const fs::path& vault) {
    auto kf = kt::crypto::read_key_file(kt::crypto::key_file_path(vault));
    if (!kf) {
        KT_FUZZ_CHECK(kf.error().code == ErrorCode::not_a_vault ||
                      kf.error().code == ErrorCode::damaged_vault);
        return;
    }
    if (kf->params.mem_bytes != kt::crypto::KdfParams::test_fast().mem_bytes ||
        kf->params.ops != kt::crypto::KdfParams::test_fast().ops)
        return;
    auto dek = kt::store::Vault::unlock_data_key(vault, kt::fuzz::kFuzzPassphrase);
    if (dek) KT_FUZZ_CHECK(dek->size() == fixture().dek.size());
}

void check_open(const fs::path& vault) {
    auto v = kt::store::Vault::open_with_data_key(vault, fixture().dek);
    if (!v) {
        KT_FUZZ_CHECK(vault_error(v.error().code));
        return;
    }
    auto counts = v->check();
    if (counts)
        KT_FUZZ_CHECK(counts->clients >= 0 && counts->assessments >= 0);
    else
        KT_FUZZ_CHECK(vault_error(counts.error().code));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Fixture& f = fixture();
    const auto parts = kt::fuzz::split(kt::fuzz::text_of(data, size), kt::fuzz::kPagesSeparator, 2);
    const std::string_view pages = parts.size() > 1 ? parts[1] : std::string_view();
    std::string vault_bytes = f.vault;
    vault_bytes.replace(0, std::min(pages.size(), vault_bytes.size()), pages);
    const fs::path dir = kt::fuzz::scratch_dir();
    const fs::path vault = dir / "fuzz.kt";
    for (const char* extra : {"-wal", "-shm", ".state"})
        ::unlink((vault.string() + extra).c_str());
    kt::fuzz::write_bytes(kt::crypto::key_file_path(vault), parts[0]);
    kt::fuzz::write_bytes(vault, vault_bytes);
    check_unlock(vault);
    check_open(vault);
    return 0;
}
