// The small deterministic generator behind the synthetic population (internal).
#pragma once

#include <cstdint>
#include <string>

namespace kt::monitoring::detail {

/// SplitMix64: fast, and one independent stream per (seed, client, purpose).
class SynthRandom {
  public:
    SynthRandom(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
        : m_state(seed * 0x9E3779B97F4A7C15ull ^ (stream << 48) ^ index * 0xD1B54A32D192ED03ull) {
        next();
    }
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [lo, hi].
    int between(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }
    /// True with probability p.
    bool chance(double p) { return double(next() >> 11) * 0x1.0p-53 < p; }
    /// A random UUID (version 4 form).
    std::string uuid();

  private:
    std::uint64_t m_state;
};

inline std::string SynthRandom::uuid() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t a = next(), b = next();
    std::string out(36, '-');
    int bit = 0;
    for (int i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) continue;
        std::uint64_t word = bit < 64 ? a : b;
        out[i] = kHex[(word >> (bit % 64)) & 15];
        bit += 4;
    }
    out[14] = '4';
    out[19] = kHex[8 + (b & 3)];
    return out;
}

}  // namespace kt::monitoring::detail
