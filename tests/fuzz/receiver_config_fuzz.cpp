// T-27: the receiver's config.json. Any text is read into a Config or refused with usage; a
// Config read is written back as text that reads to the same Config, and its listen address
// splits into a host and a port in 0..65535.
#include "fuzz_support.hpp"
#include "receiver_store/config.hpp"

namespace {

using kt::receiver::Config;

bool same(const Config& a, const Config& b) {
    return a.listen == b.listen && a.hostnames == b.hostnames && a.db == b.db &&
           a.max_body_bytes == b.max_body_bytes && a.rate_per_minute == b.rate_per_minute &&
           a.enroll_rate_per_minute == b.enroll_rate_per_minute &&
           a.read_timeout_seconds == b.read_timeout_seconds &&
           a.write_timeout_seconds == b.write_timeout_seconds && a.threads == b.threads &&
           a.retention_days == b.retention_days && a.min_app_version == b.min_app_version;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto c = kt::receiver::parse_config(kt::fuzz::text_of(data, size));
    if (!c) {
        KT_FUZZ_CHECK(c.error().code == kt::ErrorCode::usage);
        return 0;
    }
    auto listen = kt::receiver::parse_listen(c->listen);
    KT_FUZZ_CHECK(listen.ok() && listen->port >= 0 && listen->port <= 65535);
    auto text = kt::receiver::config_text(c.value());
    KT_FUZZ_CHECK(text.ok());
    auto back = kt::receiver::parse_config(text.value());
    KT_FUZZ_CHECK(back.ok() && same(back.value(), c.value()));
    return 0;
}
