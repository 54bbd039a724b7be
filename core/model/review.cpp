#include "model/review.hpp"

#include <algorithm>

namespace kt::model {

std::string_view to_string(Agreement a) {
    switch (a) {
        case Agreement::agree:
            return "agree";
        case Agreement::disagree:
            return "disagree";
        default:
            return "";
    }
}

Agreement agreement_from_string(std::string_view s) {
    if (s == "agree") return Agreement::agree;
    if (s == "disagree") return Agreement::disagree;
    return Agreement::none;
}

std::string_view to_string(Signer s) {
    switch (s) {
        case Signer::client:
            return "client";
        case Signer::representative:
            return "representative";
        default:
            return "worker";
    }
}

std::optional<Signer> signer_from_string(std::string_view s) {
    for (const Signer k : kSigners)
        if (to_string(k) == s) return k;
    return std::nullopt;
}

bool is_review_locale(std::string_view locale) {
    return std::find(kReviewLocales.begin(), kReviewLocales.end(), locale) != kReviewLocales.end();
}

namespace {

bool has_text(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") != std::string::npos;
}

const char* strokes_problem(const std::vector<Stroke>& strokes) {
    if (strokes.size() > kMaxStrokes) return "too many strokes";
    std::size_t points = 0;
    for (const auto& stroke : strokes) {
        if (stroke.points.empty()) return "empty stroke";
        points += stroke.points.size();
        for (const auto& p : stroke.points)
            if (!(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1))  // also rejects NaN
                return "point outside the pad";
    }
    return points > kMaxPoints ? "too many points" : nullptr;
}

}  // namespace

const char* signature_problem(const Signature& s) {
    if (s.refused) {
        if (s.signer == Signer::worker) return "the worker cannot refuse";
        if (!s.strokes.empty()) return "a refusal has no strokes";
    } else {
        if (s.strokes.empty()) return "a signature needs strokes";
        if (!s.refusal_reason.empty()) return "a reason without a refusal";
    }
    if (s.signer == Signer::representative ? !has_text(s.role) : !s.role.empty())
        return "a role is required for a representative only";
    return strokes_problem(s.strokes);
}

const Signature* Review::signature(Signer s) const {
    for (const auto& sig : signatures)
        if (sig.signer == s) return &sig;
    return nullptr;
}

bool ready_to_seal(const Review& r) {
    const Signature* worker = r.signature(Signer::worker);
    if (!worker || worker->refused || worker->strokes.empty()) return false;
    for (const Signer side : {Signer::client, Signer::representative}) {
        const Signature* s = r.signature(side);
        if (!s) continue;
        if (s->refused || !s->strokes.empty()) return true;
    }
    return false;
}

}  // namespace kt::model
