// A demo vault (store::fill_demo: van Dijk's intake sealed, the others finished, not sealed)
// and the poppler tools that read a PDF back, shared by the client's copy tests.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

#include "model/client.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/demo_data.hpp"
#include "support/test_support.hpp"

namespace kt::test {

/// What a program printed on stdout (poppler's pdftotext, pdfinfo). Paths are from TempDir.
inline std::string command_output(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
        out.append(buf, n);
    CHECK(::pclose(p) == 0);
    return out;
}

/// The PDF's text as pdftotext reads it, with every run of white space one space (a name
/// wrapped in the chart still reads as one phrase in the domain's own block).
inline std::string pdf_text(const fs::path& pdf) {
    const std::string raw = command_output("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
    std::string out;
    for (char ch : raw) {
        const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\f' || ch == '\r';
        if (!space)
            out += ch;
        else if (!out.empty() && out.back() != ' ')
            out += ' ';
    }
    return out;
}

inline int pdf_pages(const fs::path& pdf) {
    const std::string info = command_output("pdfinfo '" + pdf.string() + "'");
    const auto at = info.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(info.substr(at + 6));
}

struct DemoVault {
    static constexpr std::int64_t kNow = 1790000000;  // 2026-09-21
    TempDir dir;
    store::Vault vault = create_test_vault(dir / "demo.ktv", kt::test::kPassphrase);

    DemoVault() { REQUIRE(store::fill_demo(vault, kNow).ok()); }

    /// The only assessment of the demo client with this given name.
    std::string assessment_of(const std::string& given_name) {
        auto clients = store::list_clients(vault.db());
        REQUIRE(clients.ok());
        for (const auto& c : clients.value()) {
            if (c.given_name != given_name) continue;
            auto list = store::assessments_of(vault.db(), c.id);
            REQUIRE(list.ok());
            REQUIRE(!list->empty());
            return list->front().id;
        }
        FAIL("no demo client " << given_name);
        return {};
    }
};

}  // namespace kt::test
