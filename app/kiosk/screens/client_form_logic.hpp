// The client form's logic, kept apart from drawing: filling the form from a client and
// turning it back into one (Dutch capitalisation, dd-mm-jjjj dates).
#pragma once

#include "model/client.hpp"
#include "screens/ui_state.hpp"

namespace kt::kiosk {

void load_form(ClientForm& f, const model::Client& c, const std::string& default_wijk);
/// Fills `out` from the form; false (and f.error_key set to a message) when the date is wrong.
bool form_to_client(ClientForm& f, model::Client& out);
model::HouseholdMember default_member(model::Relation r);
/// The form's consent for a purpose, created (not given) if absent.
model::Consent& consent_slot(ClientForm& f, model::ConsentPurpose p);

}  // namespace kt::kiosk
