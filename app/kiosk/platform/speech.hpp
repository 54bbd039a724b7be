// Read aloud with espeak-ng (Debian's libespeak-ng) in the client's language. Speech is
// local: no text leaves the device. Without an audio device it stays silent and says so.
#pragma once

#include <string>

namespace kt::kiosk {

class Speech {
  public:
    /// `audio` false (headless runs): never opens a sound device, as if there were none.
    explicit Speech(bool audio) : m_audio(audio) {}
    ~Speech();
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    /// Starts speaking `text` in `locale` (nl, en, tr, pl, ar), stopping what was spoken
    /// before. False when there is no audio device or no voice: show a message instead.
    bool say(const std::string& text, const std::string& locale);

    /// The espeak-ng voice (its identifier, e.g. "sem/ar") that reads `locale` aloud: its own
    /// language's voice; empty for a locale without one.
    static std::string voice_name(const std::string& locale);
    /// The language espeak-ng reports for the voice it selected for `locale` ("ar" for ar), or
    /// empty when that voice is not installed. Needs no sound device or engine; not while a
    /// Speech is speaking (it reloads espeak-ng's voice list).
    static std::string voice_language(const std::string& locale);

  private:
    bool ready();
    bool m_audio;
    int m_state = 0;  // 0 untried, 1 ready, -1 unavailable
};

}  // namespace kt::kiosk
