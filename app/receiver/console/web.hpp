// The municipality's web console: server-rendered Dutch pages (mustache templates, escaped by
// default) on their own HTTPS listener. Every piece of state (accounts, sessions, throttling)
// is in the store, so any receiver on the same database answers any request.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "http_request.hpp"
#include "http_server.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/store.hpp"
#include "request_log.hpp"

namespace kt::receiver::console {

struct Site {
    Config config;
    std::string tls_pin;     // for the enrollment QR code
    std::string device_url;  // the device API's URL shown with enrollment codes
    Store& store;
    RequestLog& log;
    std::map<std::string, std::string> templates;  // name (without .mustache) -> text
    std::map<std::string, std::string> statics;    // file name under /static/ -> CSS
};

/// <dir of the executable>/../share/keukentafel/console (the build tree and installed alike),
/// or KT_CONSOLE_DIR when set.
std::filesystem::path share_dir();
/// Reads templates/*.mustache and static/*.css of `dir` into the site. Errors: not_found.
Status load_files(Site& site, const std::filesystem::path& dir);

/// Answers one console request (and writes its log line: path, status, account or address;
/// never a query string, form field or secret).
HttpAnswer handle(Site& site, const Request& req);
/// The connection layer's refusals (400, 413, ...) as a Dutch page.
HttpAnswer refusal(Site& site, int status, const std::string& address);

}  // namespace kt::receiver::console
