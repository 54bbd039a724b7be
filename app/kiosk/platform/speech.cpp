#include "platform/speech.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <map>

namespace kt::kiosk {

Speech::~Speech() {
    if (m_state == 1) {
        espeak_ng_Cancel();
        espeak_ng_Terminate();
    }
}

bool Speech::ready() {
    if (m_state != 0) return m_state == 1;
    m_state = -1;
    if (!m_audio) return false;
    espeak_ng_InitializePath(nullptr);
    if (espeak_ng_Initialize(nullptr) != ENS_OK) return false;
    // Asynchronous playback: the frame loop goes on while it speaks.
    if (espeak_ng_InitializeOutput(ENOUTPUT_MODE_SPEAK_AUDIO, 0, nullptr) != ENS_OK) {
        espeak_ng_Terminate();
        return false;
    }
    m_state = 1;
    return true;
}

std::string Speech::voice_name(const std::string& locale) {
    // espeak-ng voice identifiers (the voice file), not language codes: SetVoiceByName finds a
    // voice by its name or file, so "en-gb" (a language) would find none. gmw/en is English as
    // spoken in Europe (language en-gb), which the Netherlands learns at school.
    static const std::map<std::string, std::string> voices = {
        {"nl", "gmw/nl"}, {"en", "gmw/en"}, {"tr", "trk/tr"}, {"pl", "zlw/pl"}, {"ar", "sem/ar"}};
    const auto it = voices.find(locale);
    return it == voices.end() ? std::string() : it->second;
}

std::string Speech::voice_language(const std::string& locale) {
    const std::string voice = voice_name(locale);
    if (voice.empty()) return {};
    // Reads the installed voice list only: no espeak_Initialize, so no sound device and no
    // synthesis thread. (libespeak-ng 1.51 deadlocks in the second espeak_Terminate of a
    // process, so the engine is initialised at most once, by say().)
    espeak_ng_InitializePath(nullptr);
    for (const espeak_VOICE** v = espeak_ListVoices(nullptr); v && *v; ++v) {
        // languages: a priority byte, then the language name, per language of the voice.
        if ((*v)->identifier && voice == (*v)->identifier && (*v)->languages)
            return (*v)->languages + 1;
    }
    return {};
}

bool Speech::say(const std::string& text, const std::string& locale) {
    if (!ready()) return false;
    espeak_ng_Cancel();
    const std::string voice = voice_name(locale);
    if (voice.empty() || espeak_ng_SetVoiceByName(voice.c_str()) != ENS_OK) return false;
    // A little slower than the default 175 words a minute: easier to follow.
    espeak_ng_SetParameter(espeakRATE, 150, 0);
    return espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, nullptr) == ENS_OK;
}

}  // namespace kt::kiosk
