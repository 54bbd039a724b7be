// The poppler tools that read a PDF back (text, page count), for the client's copy tests.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

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

}  // namespace kt::test
