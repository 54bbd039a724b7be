#include "crypto/pin.hpp"

#include <sodium.h>

#include "crypto/kdf.hpp"

namespace kt::crypto {

bool valid_pin(std::string_view pin) {
    if (pin.size() != kPinLength) return false;
    for (char c : pin)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string hash_pin(std::string_view pin) {
    // Interactive cost: a PIN is checked while someone waits; the vault key, not the PIN,
    // protects the data at rest. Test builds may use the minimum (params_for_new_vault).
    const KdfParams p =
        params_for_new_vault().meets_production_floor()
            ? KdfParams{crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}
            : KdfParams::test_fast();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pin.data(), pin.size(), p.ops, static_cast<size_t>(p.mem_bytes),
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return out;
}

bool verify_pin(const std::string& verifier, std::string_view pin) {
    if (verifier.empty() || !valid_pin(pin)) return false;
    return crypto_pwhash_str_verify(verifier.c_str(), pin.data(), pin.size()) == 0;
}

}  // namespace kt::crypto
