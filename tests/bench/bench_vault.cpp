// Vault figures: unlock with the production Argon2id cost, durable save of one tap.
#include "bench.hpp"
#include "crypto/kdf.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/vault.hpp"

namespace kt::bench {

void bench_unlock(const std::string& dir) {
    const std::string path = dir + "/prod.kt";
    auto created =
        store::Vault::create(path, "een lang wachtwoord", crypto::KdfParams::production());
    if (!created) return row("unlock (Argon2id 3 passes, 256 MiB)", "create failed", "<= 0.6 s");
    created->close();
    std::vector<double> times;
    for (int i = 0; i < 3; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        auto v = store::Vault::open(path, "een lang wachtwoord");
        times.push_back(seconds_since(t0));
        if (!v) return row("unlock", "open failed", "<= 0.6 s");
    }
    row("unlock (Argon2id 3 passes, 256 MiB), median of 3", fmt("%.2f s", percentile(times, 50)),
        "<= 0.6 s");
}

void bench_tap_save(const std::string& dir) {
    auto v = store::Vault::create(dir + "/taps.kt", "wachtwoord", crypto::KdfParams::test_fast());
    if (!v) return row("tap save", "create failed", "");
    auto client = store::add_client(v->db(), {"", "Test", "", "Persoon", "", "", "", {}, {}}, 0);
    auto a = store::start_assessment(v->db(), client.value(), model::AssessmentKind::intake, 0);
    std::vector<double> ms;
    for (int i = 0; i < 1000; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        auto s = store::set_score(v->db(), a.value(), i % zrm::kDomainCount, i % 5 + 1, i);
        ms.push_back(seconds_since(t0) * 1000);
        if (!s) return row("tap save", "write failed", "");
    }
    row("durable save of one tap (WAL, synchronous=FULL)",
        fmt("p50 %.2f ms, p99 %.2f ms", percentile(ms, 50), percentile(ms, 99)), "p99 <= 5 ms");
}

}  // namespace kt::bench
