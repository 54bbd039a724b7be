#include "language.hpp"

namespace kt::receiver::console {

namespace {

using Data = kainjow::mustache::data;

// The console's keys as a tree: leaves are texts, inner nodes tables.
struct Node {
    std::string text;
    std::map<std::string, Node> kids;
};

Data to_data(const Node& n) {
    if (n.kids.empty()) return Data(n.text);
    Data d;
    for (const auto& [name, kid] : n.kids)
        d.set(name, to_data(kid));
    return d;
}

Data console_texts(const i18n::Catalog& cat) {
    constexpr std::string_view prefix = "console.";
    Node root;
    for (const auto& key : cat.own_keys()) {
        if (key.compare(0, prefix.size(), prefix) != 0) continue;
        Node* at = &root;
        for (std::size_t from = prefix.size(), dot = 0; dot != std::string::npos; from = dot + 1) {
            dot = key.find('.', from);
            at = &at->kids[key.substr(from, dot == std::string::npos ? dot : dot - from)];
        }
        at->text = cat.tr(key);
    }
    return to_data(root);
}

}  // namespace

Result<std::map<std::string, Language>> load_languages(const std::filesystem::path& dir) {
    std::map<std::string, Language> out;
    for (const auto& locale : i18n::worker_locales()) {
        auto cat = i18n::Catalog::open_worker(dir, locale);
        if (!cat) return cat.error();
        Data t = console_texts(cat.value());
        out.emplace(locale, Language{std::move(cat.value()), std::move(t)});
    }
    return out;
}

std::string choose_language(std::string_view query_lang, std::string_view cookie_lang) {
    if (query_lang == "en" || query_lang == "nl") return std::string(query_lang);
    return cookie_lang == "en" ? "en" : "nl";
}

std::string language_cookie(const std::string& lang) {
    return std::string(kLanguageCookie) + "=" + lang +
           "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=31536000";
}

std::string placeholder(int i) {
    return std::string("\x01") + char('0' + i) + "\x01";
}

std::string as_html(const std::string& formatted, const std::vector<std::string>& markup) {
    std::string out = kainjow::mustache::html_escape(formatted);
    for (std::size_t i = 0; i < markup.size(); ++i) {
        const std::string mark = placeholder(int(i));
        for (auto at = out.find(mark); at != std::string::npos;
             at = out.find(mark, at + markup[i].size()))
            out.replace(at, mark.size(), markup[i]);
    }
    return out;
}

}  // namespace kt::receiver::console
