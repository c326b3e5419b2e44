#!/bin/bash
# tui_billing_draft.sh in Chinese (billing_draft_lib.sh), every word the
# screens show in zh_CN.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"
. "$(dirname "$0")/billing_draft_lib.sh"
L=zh_CN

billing_setup
billing_drafts
finish
