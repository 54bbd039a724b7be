#include "store/review.hpp"

#include <charconv>
#include <cmath>
#include <functional>

#include "store/audit.hpp"

namespace kt::store {

namespace {

// One change: a transaction, the reviewable check, the change, its audit row, commit.
Status change(Database& db, std::string_view id, std::string_view action, std::string_view object,
              std::int64_t now, const std::function<Status()>& body) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = require_reviewable(db, id); !s) return s;
    if (auto s = body(); !s) return s;
    if (auto s = audit_event(db, action, object, "ok", now); !s) return s;
    return tx->commit();
}

Status ensure_review_row(Database& db, std::string_view id, std::int64_t now) {
    auto st = db.prepare("INSERT OR IGNORE INTO review (assessment_id, updated_at) VALUES (?, ?)");
    if (!st) return st.error();
    return st->bind(1, id).bind(2, now).run();
}

// Sets one column of the review row (column names are ours, never input).
Status set_review_column(Database& db, std::string_view id, const char* column,
                         std::string_view value, std::int64_t now) {
    if (auto s = ensure_review_row(db, id, now); !s) return s;
    auto st = db.prepare(std::string("UPDATE review SET ") + column +
                         " = ?, updated_at = ? WHERE assessment_id = ?");
    if (!st) return st.error();
    return st->bind(1, value).bind(2, now).bind(3, id).run();
}

int quantise(float v) {
    return static_cast<int>(std::lround(double(v) * model::kStrokeScale));
}

bool read_int(std::string_view& s, char stop, int& out) {
    const auto end = s.find(stop);
    const std::string_view part = s.substr(0, end);
    const auto r = std::from_chars(part.data(), part.data() + part.size(), out);
    if (r.ec != std::errc() || r.ptr != part.data() + part.size()) return false;
    s = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
    return out >= 0 && out <= model::kStrokeScale;
}

Status load_answers(Database& db, model::Review& r) {
    auto st = db.prepare(
        "SELECT domain, agreement, own_level, own_words FROM review_answer WHERE "
        "assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, r.assessment_id);
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) return {};
        const auto index = zrm::domain_index(st->text(0));
        if (!index) continue;
        auto& a = r.answers[std::size_t(*index)];
        a.agreement = model::agreement_from_string(st->text(1));
        if (st->int64(2) != 0) a.own_level = int(st->int64(2));
        a.own_words = st->text(3);
    }
}

Status load_signatures(Database& db, model::Review& r) {
    auto st = db.prepare(
        "SELECT signer, role, strokes, refused, refusal_reason, signed_at FROM review_signature "
        "WHERE assessment_id = ?");
    if (!st) return st.error();
    st->bind(1, r.assessment_id);
    for (auto row = st->step();; row = st->step()) {
        if (!row) return row.error();
        if (!row.value()) break;
        const auto signer = model::signer_from_string(st->text(0));
        auto strokes = decode_strokes(st->text(2));
        if (!signer || !strokes) return make_error(ErrorCode::damaged_vault, "bad signature row");
        r.signatures.push_back({*signer, st->text(1), std::move(strokes.value()), st->int64(3) != 0,
                                st->text(4), st->int64(5)});
    }
    auto order = [](const model::Signature& s) { return int(s.signer); };
    std::sort(r.signatures.begin(), r.signatures.end(),
              [&](const auto& a, const auto& b) { return order(a) < order(b); });
    return {};
}

}  // namespace

std::string encode_strokes(const std::vector<model::Stroke>& strokes) {
    std::string out;
    for (std::size_t i = 0; i < strokes.size(); ++i) {
        if (i > 0) out += ';';
        for (std::size_t j = 0; j < strokes[i].points.size(); ++j) {
            const auto& p = strokes[i].points[j];
            if (j > 0) out += ' ';
            out += std::to_string(quantise(p.x)) + "," + std::to_string(quantise(p.y));
        }
    }
    return out;
}

Result<std::vector<model::Stroke>> decode_strokes(std::string_view text) {
    std::vector<model::Stroke> out;
    while (!text.empty()) {
        const auto end = text.find(';');
        std::string_view stroke = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        model::Stroke s;
        while (!stroke.empty()) {
            int x = 0, y = 0;
            if (!read_int(stroke, ',', x) || !read_int(stroke, ' ', y))
                return make_error(ErrorCode::damaged_vault, "malformed stroke data");
            s.points.push_back({float(x) / model::kStrokeScale, float(y) / model::kStrokeScale});
        }
        if (s.points.empty()) return make_error(ErrorCode::damaged_vault, "empty stroke");
        out.push_back(std::move(s));
    }
    return out;
}

Status require_reviewable(Database& db, std::string_view id) {
    auto st = db.prepare("SELECT status, sealed_at FROM assessment WHERE id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "no such assessment");
    if (st->text(0) != "finished")
        return make_error(ErrorCode::invalid_state, "assessment is not finished");
    if (st->int64(1) != 0) return make_error(ErrorCode::invalid_state, "assessment is sealed");
    return {};
}

Result<model::Review> load_review(Database& db, std::string_view id) {
    auto st = db.prepare(
        "SELECT a.id, r.locale, r.network_agreed, r.goals_agreed FROM assessment a "
        "LEFT JOIN review r ON r.assessment_id = a.id WHERE a.id = ?");
    if (!st) return st.error();
    st->bind(1, id);
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return make_error(ErrorCode::not_found, "no such assessment");
    model::Review r;
    r.assessment_id = st->text(0);
    if (!st->is_null(1)) {
        r.locale = st->text(1);
        r.network_agreed = model::agreement_from_string(st->text(2));
        r.goals_agreed = model::agreement_from_string(st->text(3));
    }
    if (auto s = load_answers(db, r); !s) return s.error();
    if (auto s = load_signatures(db, r); !s) return s.error();
    return r;
}

Status set_review_locale(Database& db, std::string_view id, std::string_view locale,
                         std::int64_t now) {
    if (!model::is_review_locale(locale))
        return make_error(ErrorCode::usage, "not a review language");
    return change(db, id, "review_changed", id, now,
                  [&] { return set_review_column(db, id, "locale", locale, now); });
}

Status set_network_agreement(Database& db, std::string_view id, model::Agreement a,
                             std::int64_t now) {
    return change(db, id, "review_changed", id, now, [&] {
        return set_review_column(db, id, "network_agreed", model::to_string(a), now);
    });
}

Status set_goals_agreement(Database& db, std::string_view id, model::Agreement a,
                           std::int64_t now) {
    return change(db, id, "review_changed", id, now, [&] {
        return set_review_column(db, id, "goals_agreed", model::to_string(a), now);
    });
}

Status set_answer(Database& db, std::string_view id, int domain_index, const model::DomainAnswer& a,
                  std::int64_t now) {
    if (domain_index < 0 || domain_index >= zrm::kDomainCount)
        return make_error(ErrorCode::usage, "domain out of range");
    if (a.own_level &&
        (a.agreement != model::Agreement::disagree || !zrm::is_valid_level(*a.own_level)))
        return make_error(ErrorCode::usage, "own level 1..5 only with disagree");
    const std::string_view domain = zrm::kDomains[std::size_t(domain_index)];
    const std::string object = std::string(id) + ":" + std::string(domain);
    return change(db, id, "review_changed", object, now, [&]() -> Status {
        if (auto s = ensure_review_row(db, id, now); !s) return s;
        auto st = db.prepare(
            "INSERT OR REPLACE INTO review_answer (assessment_id, domain, agreement, own_level, "
            "own_words, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
        if (!st) return st.error();
        st->bind(1, id).bind(2, domain).bind(3, model::to_string(a.agreement));
        st->bind(4, std::int64_t(a.own_level.value_or(0))).bind(5, a.own_words).bind(6, now);
        return st->run();
    });
}

Result<std::int64_t> next_device_seq(Database& db) {
    if (auto s = db.exec("UPDATE kt_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = "
                         "'device_seq'");
        !s)
        return s.error();
    return db.query_int("SELECT CAST(value AS INTEGER) FROM kt_meta WHERE key = 'device_seq'");
}

Status save_signature(Database& db, std::string_view id, const model::Signature& sig,
                      std::int64_t now) {
    if (const char* problem = model::signature_problem(sig))
        return make_error(ErrorCode::usage, problem);
    return change(db, id, "signature_changed", id, now, [&]() -> Status {
        auto seq = next_device_seq(db);
        if (!seq) return seq.error();
        auto st = db.prepare(
            "INSERT OR REPLACE INTO review_signature (assessment_id, signer, role, strokes, "
            "refused, refusal_reason, signed_at, device_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!st) return st.error();
        st->bind(1, id).bind(2, model::to_string(sig.signer)).bind(3, sig.role);
        st->bind(4, encode_strokes(sig.strokes)).bind(5, std::int64_t(sig.refused));
        st->bind(6, sig.refusal_reason).bind(7, now).bind(8, seq.value());
        return st->run();
    });
}

Status clear_signature(Database& db, std::string_view id, model::Signer signer, std::int64_t now) {
    return change(db, id, "signature_changed", id, now, [&]() -> Status {
        auto st = db.prepare("DELETE FROM review_signature WHERE assessment_id = ? AND signer = ?");
        if (!st) return st.error();
        return st->bind(1, id).bind(2, model::to_string(signer)).run();
    });
}

}  // namespace kt::store
