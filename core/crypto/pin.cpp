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

bool guessable_pin(std::string_view pin) {
    if (!valid_pin(pin)) return false;
    auto digit = [&](std::size_t i) { return pin[i] - '0'; };
    auto constant_step = [&](int step) {
        for (std::size_t i = 1; i < pin.size(); ++i)
            if ((digit(i - 1) + step + 10) % 10 != digit(i)) return false;
        return true;
    };
    auto period = [&](std::size_t p) {
        for (std::size_t i = p; i < pin.size(); ++i)
            if (pin[i] != pin[i - p]) return false;
        return true;
    };
    return constant_step(0) || constant_step(1) || constant_step(-1) || period(2) || period(3);
}

std::string pin_error_key(std::string_view pin, std::string_view repeated) {
    if (!valid_pin(pin)) return "pin.invalid";
    if (guessable_pin(pin)) return "pin.guessable";
    if (pin != repeated) return "pin.mismatch";
    return {};
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
