#!/bin/bash
# F5's forms keep drafts, at 80x24 in English: a payment and a reading
# killed mid-form come back on their account and meter (a save, an
# Esc-discard drop them); a run refused for unread meters is offered
# without them (R13, R15); the admin's new rate version keeps one too.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"
. "$(dirname "$0")/billing_draft_lib.sh"

billing_setup
billing_drafts
finish
