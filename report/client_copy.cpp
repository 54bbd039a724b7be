#include "report/client_copy.hpp"

#include "report/new_file.hpp"
#include "store/audit.hpp"

namespace kt::report {

Status write_client_copy(store::Database& db, const std::string& assessment_id,
                         std::string_view locale, const std::filesystem::path& out,
                         std::int64_t now) {
    // Checked first as well as at the rename, so nothing is read or drawn for a refused path.
    if (path_taken(out)) return make_error(ErrorCode::already_exists, "target exists");
    auto copy = client_copy(db, assessment_id, locale, now);
    if (!copy) return copy.error();
    auto pdf = render_pdf(copy.value(), now);
    if (!pdf) return pdf.error();
    if (auto s = write_new_file(out, pdf.value()); !s) return s;
    // A copy left the device: an "export" row (the assessment id, never the name or the path).
    // The copy is written either way; a full disk inside the vault must not deny that.
    (void)store::audit_event(db, "export", assessment_id, "ok", now);
    return {};
}

}  // namespace kt::report
