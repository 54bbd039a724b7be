#include "platform/speech.hpp"

#include <espeak-ng/espeak_ng.h>

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

bool Speech::say(const std::string& text, const std::string& locale) {
    if (!ready()) return false;
    espeak_ng_Cancel();
    if (espeak_ng_SetVoiceByName(locale.c_str()) != ENS_OK) return false;
    // A little slower than the default 175 words a minute: easier to follow.
    espeak_ng_SetParameter(espeakRATE, 150, 0);
    return espeak_ng_Synthesize(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                espeakCHARS_UTF8, nullptr, nullptr) == ENS_OK;
}

}  // namespace kt::kiosk
