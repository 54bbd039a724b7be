// T-27: the receiver's config.json. Any text is read into a Config or refused with usage; a
// Config read is written back as text that reads to the same Config, and its listen address
// splits into a host and a port in 0..65535.
#include "fuzz_support.hpp"
#include "receiver_store/config.hpp"

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
    KT_FUZZ_CHECK(back.ok() && back.value() == c.value());
    return 0;
}
