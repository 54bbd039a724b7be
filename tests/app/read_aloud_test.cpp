// Read aloud in the client's language: each client language has its own espeak-ng voice, and
// that voice speaks the language's first plain descriptor into a WAV file (espeak-ng's own
// output) that sox measures: sound, not silence, and a duration that fits the words.
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <unistd.h>

#include "i18n/catalog.hpp"
#include "platform/speech.hpp"

namespace fs = std::filesystem;

namespace {

// stdout and stderr of a shell command (sox prints its statistics on stderr).
std::string run(const std::string& command) {
    std::string out;
    FILE* p = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[512];
    while (std::fgets(buf, sizeof buf, p) != nullptr)
        out += buf;
    ::pclose(p);
    return out;
}

double stat_value(const std::string& stats, const std::string& name) {
    const auto at = stats.find(name);
    if (at == std::string::npos) return -1;
    return std::stod(stats.substr(stats.find(':', at) + 1));
}

std::size_t words(const std::string& s) {
    std::istringstream in(s);
    std::size_t n = 0;
    for (std::string w; in >> w;)
        ++n;
    return n;
}

}  // namespace

TEST_CASE("each client language reads its first descriptor aloud in its own voice") {
    const fs::path dir =
        fs::temp_directory_path() / ("kt_read_aloud_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::map<std::string, std::string> language = {
        {"nl", "nl"}, {"en", "en-gb"}, {"tr", "tr"}, {"pl", "pl"}, {"ar", "ar"}};
    for (const auto& [locale, expected] : language) {
        CAPTURE(locale);
        // The voice the kiosk selects reports the client's language, not a fallback.
        CHECK(kt::kiosk::Speech::voice_language(locale) == expected);
        auto cat = kt::i18n::Catalog::open(kt::i18n::default_bundle_dir(), locale);
        REQUIRE(cat.ok());
        const std::string text = cat->tr("plain.domain.financien.level1");
        REQUIRE(text.find('[') == std::string::npos);
        const fs::path in = dir / (locale + ".txt");
        const fs::path wav = dir / (locale + ".wav");
        std::ofstream(in) << text;
        const std::string voice = kt::kiosk::Speech::voice_name(locale);
        run("espeak-ng -v " + voice + " -s 150 -f " + in.string() + " -w " + wav.string());
        REQUIRE(fs::exists(wav));
        const std::string stats = run("sox " + wav.string() + " -n stat");
        const double seconds = stat_value(stats, "Length (seconds)");
        const double rms = stat_value(stats, "RMS     amplitude");
        const auto n = double(words(text));
        std::printf("read aloud %s (voice %s): %zu words, %.2f s, RMS %.3f\n", locale.c_str(),
                    voice.c_str(), words(text), seconds, rms);
        CHECK(rms > 0.01);               // sound, not silence
        CHECK(seconds > 0.2 * n);        // at 150 words a minute a word takes 0.4 s
        CHECK(seconds < 1.5 * n + 1.0);  // and not the text spelled letter by letter
    }
    fs::remove_all(dir);
}
