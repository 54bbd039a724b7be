// The municipality's web console: server-rendered pages in Dutch or English (mustache templates
// with the words of locales/, escaped by default) on their own HTTPS listener. Every piece of state
// (accounts, sessions, throttling) is in the store, so any receiver on the same database answers
// any request.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "http_request.hpp"
#include "http_server.hpp"
#include "language.hpp"
#include "receiver_store/config.hpp"
#include "receiver_store/store.hpp"
#include "request_log.hpp"
#include "totp_box.hpp"

namespace kt::receiver::console {

class JobThreads;  // export_jobs.hpp

struct Site {
    Config config;
    std::string tls_pin;     // for the enrollment QR code
    std::string device_url;  // the device API's URL shown with enrollment codes
    Store& store;
    RequestLog& log;
    std::map<std::string, std::string> templates;  // name (without .mustache) -> text
    std::map<std::string, std::string> statics;    // file name under /static/ -> CSS
    TotpBox totp;                                  // seals and opens the accounts' TOTP secrets
    std::map<std::string, Language> languages;     // "nl", "en"
    std::filesystem::path data_dir;                // DIR: keys/purpose.key, exports/
    std::shared_ptr<JobThreads> jobs;              // the export jobs running here
};

/// <dir of the executable>/../share/keukentafel/console (the build tree and installed alike),
/// or KT_CONSOLE_DIR when set.
std::filesystem::path share_dir();
/// Reads templates/*.mustache and static/*.css of `dir`, and the words of the compiled bundles
/// in `bundles`, into the site. Errors: not_found.
Status load_files(Site& site, const std::filesystem::path& dir,
                  const std::filesystem::path& bundles);

/// Answers one console request (and writes its log line: path, status, account or address;
/// never a query string, form field or secret).
HttpAnswer handle(Site& site, const Request& req);
/// The connection layer's refusals (400, 413, ...) as a Dutch page.
HttpAnswer refusal(Site& site, int status, const std::string& address);

}  // namespace kt::receiver::console
